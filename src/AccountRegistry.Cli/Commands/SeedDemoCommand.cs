using AccountRegistry.Application.Demo;

namespace AccountRegistry.Cli.Commands;

internal sealed class SeedDemoCommand : ICommand
{
    public string Name => "seed-demo";

    public string Usage => "seed-demo";

    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        context.AllowOnly([], []);
        var result = await context.Get<DemoCounty.Seeder>().SeedAsync(cancellationToken);
        await context.Output.WriteLineAsync(result.AlreadySeeded
            ? "The demo county is already loaded; nothing changed."
            : $"Loaded the demo county: {result.Units} units, {result.Accounts} accounts, {result.Posts} posts, {result.ReadSnapshots} read snapshots, {result.Users} users.");
        if (!result.AlreadySeeded)
        {
            // The campaign's history, replayed through the use cases: evaluations, review decisions, closure requests.
            var campaign = await context.Get<AccountRegistry.Application.Dashboard.DemoCampaign.Seeder>().SeedAsync(cancellationToken);
            await context.Output.WriteLineAsync(
                $"Campaign so far: {campaign.Evaluations} evaluations, {campaign.Decisions} review decisions, {campaign.Requests} closure requests ({campaign.Completed} completed), "
                + $"{campaign.Rounds} inspection rounds checked ({campaign.RectificationTasks} rectification tasks from the published one), "
                + $"{campaign.ContentFindings} content findings ({campaign.ContentDecided} decided), "
                + $"{campaign.RevivedPosts} {(campaign.RevivedPosts == 1 ? "post" : "posts")} by a closed account after its closing (REVIVED).");
            if (campaign.Undecided > 0)
            {
                await context.Output.WriteLineAsync(
                    $"{campaign.Undecided} planned decisions found no open flag on their day; those cases stop there.");
            }
        }
        return ExitCodes.Success;
    }
}
