using System.Diagnostics;
using System.Globalization;
using AccountRegistry.Bench;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

// Load against two already running servers (bench/load/run.sh starts them): our app and a stock `dotnet new blazor`
// app, measured the same way in the same run. wrk (32 connections) against the prerendered register page and the
// dashboard endpoint with a signed-in cookie, and the stock app's / and /counter; then a Chromium swarm holding N
// interactive circuits on each app, the server's VmRSS read before and after, and a click round trip timed per circuit.
//   dotnet AccountRegistry.Bench.Load.dll --ours URL --ours-pid PID --stock URL --stock-pid PID [--circuits 200] [--seconds 20]
var arguments = new BenchArguments(args);
var ours = new Uri(Required("--ours"));
var stock = new Uri(Required("--stock"));
var oursPid = int.Parse(Required("--ours-pid"), CultureInfo.InvariantCulture);
var stockPid = int.Parse(Required("--stock-pid"), CultureInfo.InvariantCulture);
var circuits = int.Parse(arguments.Option("--circuits", "200"), CultureInfo.InvariantCulture);
var seconds = int.Parse(arguments.Option("--seconds", "20"), CultureInfo.InvariantCulture);
var user = arguments.Option("--user", "reviewer");
var password = arguments.Option("--password", "Demo@2026!");

// An earlier build of our app on the same database (run.sh with BEFORE_REF), measured the same way in the same run.
var before = arguments.Option("--before") is { } beforeUrl ? new Uri(beforeUrl) : null;
var beforePid = arguments.Int("--before-pid", 0);

var cookies = await SignInAsync(ours, user, password);
var cookieHeader = cookies.GetCookieHeader(ours);
var beforeCookies = before is null ? null : await SignInAsync(before, user, password);

Console.WriteLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · load average {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine($"wrk -t2 -c32 -d{seconds}s --latency, one round each, all in this run");
Console.WriteLine("| target | requests/s | p50 ms | p95 ms | p99 ms | errors/non-2xx |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|");
var targets = new List<(string Name, Uri Url, string Cookie)>
{
    ("ours: /health", new Uri(ours, "health"), ""),
    ("ours: /accounts (prerendered register, signed in)", new Uri(ours, "accounts"), cookieHeader),
    ("ours: /api/v1/dashboard/summary (signed in)", new Uri(ours, "api/v1/dashboard/summary"), cookieHeader),
    ("stock: /", new Uri(stock, "/"), ""),
    ("stock: /counter", new Uri(stock, "counter"), ""),
};
if (before is not null)
{
    targets.Insert(2, ("before: /accounts (prerendered register, signed in)", new Uri(before, "accounts"), beforeCookies!.GetCookieHeader(before)));
}

foreach (var (name, url, cookie) in targets)
{
    var r = await Wrk.RunAsync(url.ToString(), cookie.Length > 0 ? ["Cookie: " + cookie] : [], seconds);
    Console.WriteLine($"| {name} | {r.Rps:F0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Errors} |");
}

using var playwright = await Playwright.CreateAsync();
Console.WriteLine();
Console.WriteLine($"Circuit swarm: {circuits} Chromium pages per app, each waited until interactive, then held");
Console.WriteLine("| app | circuits held | RSS before MB | RSS after MB | MB per circuit | click round trip p50 ms | p95 ms | open time s |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
await SwarmAsync("ours: /accounts", playwright, circuits, oursPid, context => AddCookiesAsync(context, cookies, ours), page => OpenRegisterAsync(page, ours), ClickSortAsync);
if (before is not null)
{
    await SwarmAsync("before: /accounts", playwright, circuits, beforePid, context => AddCookiesAsync(context, beforeCookies!, before), page => OpenRegisterAsync(page, before), ClickSortAsync);
}

await SwarmAsync("stock: /counter", playwright, circuits, stockPid, _ => Task.CompletedTask, async page =>
{
    await page.GotoAsync(new Uri(stock, "counter").ToString());
    // The button only increments once the circuit is up; click until it does.
    for (var i = 0; i < 600; i++)
    {
        await page.ClickAsync("button.btn-primary");
        if (await page.InnerTextAsync("p[role=status]") != "Current count: 0")
        {
            return;
        }

        await Task.Delay(200);
    }

    throw new TimeoutException("stock counter never became interactive");
}, async page =>
{
    var before = await page.InnerTextAsync("p[role=status]");
    var watch = Stopwatch.StartNew();
    await page.ClickAsync("button.btn-primary");
    await page.WaitForFunctionAsync("t => document.querySelector('p[role=status]').innerText !== t", before, new() { Timeout = 60_000, PollingInterval = 5 });
    return watch.Elapsed.TotalMilliseconds;
});

static Task AddCookiesAsync(IBrowserContext context, CookieContainer cookies, Uri app) =>
    context.AddCookiesAsync(cookies.GetCookies(app).Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = app.ToString() }));

static async Task OpenRegisterAsync(IPage page, Uri app)
{
    await page.GotoAsync(new Uri(app, "accounts").ToString());
    await page.WaitForSelectorAsync("[data-interactive='true']", new() { Timeout = 120_000 });
    await page.WaitForSelectorAsync("tr.account-row", new() { Timeout = 120_000 });
}

// A sort click goes through the circuit: server re-queries and diffs the table back.
static async Task<double> ClickSortAsync(IPage page)
{
    var first = await page.InnerTextAsync("tr.account-row >> nth=0");
    var watch = Stopwatch.StartNew();
    await page.ClickAsync(".mud-table-sort-label >> nth=0");
    await page.WaitForFunctionAsync("t => document.querySelector('tr.account-row')?.innerText !== t", first, new() { Timeout = 60_000, PollingInterval = 5 });
    return watch.Elapsed.TotalMilliseconds;
}

static async Task SwarmAsync(string name, IPlaywright playwright, int circuits, int pid, Func<IBrowserContext, Task> prepare,
    Func<IPage, Task> open, Func<IPage, Task<double>> click)
{
    const int browsers = 4;
    var launched = new List<IBrowser>();
    var pages = new List<IPage>();
    var failures = new List<string>();
    await Task.Delay(3000);
    var rssBefore = RssMegabytes(pid);
    var opening = Stopwatch.StartNew();
    try
    {
        for (var b = 0; b < browsers; b++)
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Headless = true,
                // Without a renderer limit Chromium starts one renderer per page and the client, not the server,
                // runs out of memory first.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--renderer-process-limit=4", "--disable-renderer-backgrounding",
                    "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"],
            });
            launched.Add(browser);
        }

        // Ten at a time: all at once on two cores mostly measures the client fighting the server for CPU.
        var next = 0;
        var gate = new object();
        async Task WorkerAsync()
        {
            while (true)
            {
                int index;
                lock (gate)
                {
                    if (next >= circuits)
                    {
                        return;
                    }

                    index = next++;
                }

                try
                {
                    var context = await launched[index % browsers].NewContextAsync();
                    await prepare(context);
                    var page = await context.NewPageAsync();
                    await open(page);
                    lock (gate)
                    {
                        pages.Add(page);
                    }
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    lock (gate)
                    {
                        failures.Add(e.Message.Split('\n')[0]);
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => WorkerAsync()));
        var openSeconds = opening.Elapsed.TotalSeconds;
        await Task.Delay(5000);
        var rssAfter = RssMegabytes(pid);

        // Click round trips: a few circuits at once, so the figure is latency under a held swarm, not a stampede.
        var times = new List<double>();
        var clickFailures = 0;
        foreach (var chunk in pages.Chunk(10))
        {
            var results = await Task.WhenAll(chunk.Select(async p =>
            {
                try
                {
                    return await click(p);
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException)
                {
                    return double.NaN;
                }
            }));
            times.AddRange(results.Where(t => !double.IsNaN(t)));
            clickFailures += results.Count(double.IsNaN);
        }

        times.Sort();
        var held = pages.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {held} | {rssBefore:F0} | {rssAfter:F0} | {(held == 0 ? 0 : (rssAfter - rssBefore) / held):F2} | {Percentiles.Of(times, 50):F0} | {Percentiles.Of(times, 95):F0} | {openSeconds:F0} |"));
        if (failures.Count > 0 || clickFailures > 0)
        {
            Console.WriteLine($"  {failures.Count} pages failed to become interactive, {clickFailures} clicks failed; first: {failures.FirstOrDefault()}");
        }
    }
    finally
    {
        foreach (var browser in launched)
        {
            await browser.CloseAsync();
        }
    }
}

static double RssMegabytes(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

static async Task<CookieContainer> SignInAsync(Uri baseAddress, string user, string password)
{
    var cookies = new CookieContainer();
    using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    var form = await client.GetStringAsync("login");
    var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    using var content = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["_handler"] = "login",
        ["__RequestVerificationToken"] = token,
        ["Input.UserName"] = user,
        ["Input.Password"] = password,
    });
    using var response = await client.PostAsync("login", content);
    if (response.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException($"Sign-in of {user} failed: {(int)response.StatusCode}");
    }

    return cookies;
}

string Required(string name) => arguments.Option(name) ?? throw new ArgumentException($"{name} is required.");
