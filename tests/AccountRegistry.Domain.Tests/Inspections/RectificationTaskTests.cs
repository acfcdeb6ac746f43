using AccountRegistry.Domain.Inspections;

namespace AccountRegistry.Domain.Tests.Inspections;

public sealed class RectificationTaskTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Due = new(2026, 12, 15);

    private static RectificationTask Task() => RectificationTask.Create(1, 2, 3, ["STALE", "MANUAL_BROKEN_MENU", "STALE"], Due, Now);

    [Fact]
    public void Create_IsOpen_WithTheProblemsSortedOnce()
    {
        var task = Task();

        Assert.Equal(RectificationState.Open, task.State);
        Assert.Equal(["MANUAL_BROKEN_MENU", "STALE"], task.Problems);
    }

    [Fact]
    public void ClerkAnswers_ReviewerSendsBack_ClerkAnswersAgain_ReviewerAccepts()
    {
        var task = Task();

        Assert.Equal(RectificationState.Open, task.AnswerWith(RectificationRole.Clerk, "clerk", " 已恢复菜单 ", 1, Now));
        Assert.Equal((RectificationState.Answered, "已恢复菜单"), (task.State, task.Answer));
        task.SendBack(RectificationRole.Reviewer, "reviewer", "截图看不清", Now);
        Assert.Equal((RectificationState.SentBack, "截图看不清"), (task.State, task.SendBackReason));
        Assert.Equal(RectificationState.SentBack, task.AnswerWith(RectificationRole.Clerk, "clerk", "重新截图", 2, Now));
        task.Accept(RectificationRole.Reviewer, "reviewer", Now);

        Assert.Equal((RectificationState.Accepted, "reviewer"), (task.State, task.ReviewedBy));
        Assert.Empty(task.AllowedActions(RectificationRole.Clerk));
        Assert.Empty(task.AllowedActions(RectificationRole.Reviewer));
    }

    [Fact]
    public void WrongRole_IsRefused_AndChangesNothing()
    {
        var task = Task();

        var reviewerAnswers = Assert.Throws<RectificationException>(() => task.AnswerWith(RectificationRole.Reviewer, "reviewer", "x", 1, Now));
        Assert.Equal(RectificationError.NotYourStep, reviewerAnswers.Error);
        task.AnswerWith(RectificationRole.Clerk, "clerk", "done", 1, Now);
        var clerkAccepts = Assert.Throws<RectificationException>(() => task.Accept(RectificationRole.Clerk, "clerk", Now));
        var clerkSendsBack = Assert.Throws<RectificationException>(() => task.SendBack(RectificationRole.Clerk, "clerk", "no", Now));

        Assert.Equal(RectificationError.NotYourStep, clerkAccepts.Error);
        Assert.Equal(RectificationError.NotYourStep, clerkSendsBack.Error);
        Assert.Equal(RectificationState.Answered, task.State);
    }

    [Fact]
    public void WrongState_IsRefused()
    {
        var task = Task();

        Assert.Equal(RectificationError.WrongState, Assert.Throws<RectificationException>(() => task.Accept(RectificationRole.Reviewer, "r", Now)).Error);
        Assert.Equal(RectificationError.WrongState, Assert.Throws<RectificationException>(() => task.SendBack(RectificationRole.Reviewer, "r", "x", Now)).Error);
        task.AnswerWith(RectificationRole.Clerk, "clerk", "done", 1, Now);
        Assert.Equal(RectificationError.WrongState, Assert.Throws<RectificationException>(() => task.AnswerWith(RectificationRole.Clerk, "clerk", "again", 1, Now)).Error);
        task.Accept(RectificationRole.Reviewer, "r", Now);
        Assert.Equal(RectificationError.WrongState, Assert.Throws<RectificationException>(() => task.SendBack(RectificationRole.Reviewer, "r", "x", Now)).Error);
        Assert.Equal(RectificationState.Accepted, task.State);
    }

    [Theory]
    [InlineData(" ", 1, RectificationError.AnswerRequired)]
    [InlineData("done", 0, RectificationError.EvidenceRequired)]
    public void Answer_NeedsTextAndEvidence(string answer, int evidence, RectificationError expected)
    {
        var task = Task();

        var refused = Assert.Throws<RectificationException>(() => task.AnswerWith(RectificationRole.Clerk, "clerk", answer, evidence, Now));

        Assert.Equal(expected, refused.Error);
        Assert.Equal(RectificationState.Open, task.State);
    }

    [Fact]
    public void SendBack_NeedsAReason()
    {
        var task = Task();
        task.AnswerWith(RectificationRole.Clerk, "clerk", "done", 1, Now);

        var refused = Assert.Throws<RectificationException>(() => task.SendBack(RectificationRole.Reviewer, "r", "  ", Now));

        Assert.Equal(RectificationError.ReasonRequired, refused.Error);
        Assert.Equal(RectificationState.Answered, task.State);
    }

    [Fact]
    public void Overdue_AfterTheDueDay_UntilAccepted()
    {
        var task = Task();

        Assert.False(task.IsOverdue(Due));
        Assert.True(task.IsOverdue(Due.AddDays(1)));
        task.AnswerWith(RectificationRole.Clerk, "clerk", "done", 1, Now);
        Assert.True(task.IsOverdue(Due.AddDays(1)));
        task.Accept(RectificationRole.Reviewer, "r", Now);
        Assert.False(task.IsOverdue(Due.AddDays(1)));
    }
}
