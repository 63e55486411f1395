using Microsoft.AspNetCore.Http;
using MlConnector.Sandbox;

namespace MlConnector.Tests.Sandbox;

/// <summary>
/// <see cref="SimulatorFaults"/>: with <c>guaranteed</c>, each fault class whose rate is above 0 is injected on the first
/// eligible requests whatever the rolls say, so a small run that asserts "this class was injected" cannot miss it; a class
/// at rate 0 stays off.
/// </summary>
public class SimulatorFaultsTests
{
    [Fact]
    public async Task InvokeAsync_GuaranteedOneAtTinyRates_FirstRequests5xxThen429ThenFirstWriteLost()
    {
        // Arrange: rates so small a roll would practically never fault.
        var sut = new SimulatorFaults();
        sut.Enable(serverErrorRate: 1e-9, rateLimitRate: 1e-9, lostResponseRate: 1e-9, concurrentEditRate: 0, seed: 17, guaranteed: 1);

        // Act
        var first = await SendAsync(sut, HttpMethods.Post);
        var second = await SendAsync(sut, HttpMethods.Post);
        var read = await SendAsync(sut, HttpMethods.Get);
        var write = await SendAsync(sut, HttpMethods.Post);
        var later = await SendAsync(sut, HttpMethods.Post);

        // Assert
        Assert.Contains(first.Status, new[] { 500, 502, 503 });
        Assert.False(first.Handled);
        Assert.Equal(StatusCodes.Status429TooManyRequests, second.Status);
        Assert.Equal((200, true, false), (read.Status, read.Handled, read.Aborted));
        Assert.True(write.Handled);
        Assert.True(write.Aborted);
        Assert.Equal((200, true, false), (later.Status, later.Handled, later.Aborted));
        Assert.Equal((1, 1, 1), (sut.ServerErrors, sut.RateLimits, sut.LostResponses));
    }

    [Fact]
    public async Task InvokeAsync_GuaranteedWithARateOfZero_ThatClassStaysOff()
    {
        // Arrange: only 429s are on.
        var sut = new SimulatorFaults();
        sut.Enable(serverErrorRate: 0, rateLimitRate: 1e-9, lostResponseRate: 0, concurrentEditRate: 0, seed: 17, guaranteed: 2);

        // Act
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await SendAsync(sut, HttpMethods.Post)).Status);
        }

        // Assert
        Assert.Equal([429, 429, 200, 200], statuses);
        Assert.Equal((0, 2, 0, 0), (sut.ServerErrors, sut.RateLimits, sut.LostResponses, sut.ConcurrentEdits));
        Assert.False(sut.TryConcurrentEdit());
    }

    [Fact]
    public async Task InvokeAsync_GuaranteedLostResponse_OnlyASuccessfulWriteIsLost()
    {
        // Arrange
        var sut = new SimulatorFaults();
        sut.Enable(serverErrorRate: 0, rateLimitRate: 0, lostResponseRate: 1e-9, concurrentEditRate: 0, seed: 17, guaranteed: 1);

        // Act: a refused write commits nothing and is answered; the next successful one is lost.
        var refused = await SendAsync(sut, HttpMethods.Post, StatusCodes.Status400BadRequest);
        var committed = await SendAsync(sut, HttpMethods.Post);

        // Assert
        Assert.Equal((400, false), (refused.Status, refused.Aborted));
        Assert.True(committed.Aborted);
        Assert.Equal(1, sut.LostResponses);
    }

    [Fact]
    public void TryConcurrentEdit_GuaranteedTwo_FirstTwoUpdatesEditedThenTheRate()
    {
        // Arrange
        var sut = new SimulatorFaults();
        sut.Enable(serverErrorRate: 0, rateLimitRate: 0, lostResponseRate: 0, concurrentEditRate: 1e-9, seed: 17, guaranteed: 2);

        // Act
        var edits = Enumerable.Range(0, 4).Select(_ => sut.TryConcurrentEdit()).ToList();

        // Assert
        Assert.Equal([true, true, false, false], edits);
        Assert.Equal(2, sut.ConcurrentEdits);
    }

    [Fact]
    public async Task Disable_AfterGuaranteedEnable_NothingFaults()
    {
        // Arrange
        var sut = new SimulatorFaults();
        sut.Enable(serverErrorRate: 1e-9, rateLimitRate: 0, lostResponseRate: 0, concurrentEditRate: 1e-9, seed: 17, guaranteed: 3);

        // Act
        sut.Disable();
        var answer = await SendAsync(sut, HttpMethods.Post);

        // Assert
        Assert.Equal((200, true), (answer.Status, answer.Handled));
        Assert.False(sut.TryConcurrentEdit());
    }

    [Fact]
    public async Task InvokeAsync_SimulatorAnswers429Itself_CountedAsLimitedByVendorNotAsInjected()
    {
        // Arrange: one injected 429, then the simulator's own limit refuses a request, then one passes.
        var sut = new SimulatorFaults();
        sut.Enable(serverErrorRate: 0, rateLimitRate: 1e-9, lostResponseRate: 1e-9, concurrentEditRate: 0, seed: 17, guaranteed: 1);

        // Act
        var injected = await SendAsync(sut, HttpMethods.Get);
        var limited = await SendAsync(sut, HttpMethods.Post, StatusCodes.Status429TooManyRequests);
        var passed = await SendAsync(sut, HttpMethods.Get);

        // Assert
        Assert.Equal((429, false), (injected.Status, injected.Handled));
        Assert.Equal((429, true), (limited.Status, limited.Handled));
        Assert.Equal(200, passed.Status);
        Assert.Equal((3, 1, 1), (sut.Requests, sut.LimitedByVendor, sut.RateLimits));
    }

    /// <summary>Runs one request through the middleware to a simulator that answers <paramref name="status"/>.</summary>
    private static async Task<(int Status, bool Handled, bool Aborted)> SendAsync(SimulatorFaults sut, string method, int status = StatusCodes.Status200OK)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        var aborted = false;
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(new AbortFeature(() => aborted = true));
        var handled = false;
        await sut.InvokeAsync(context, c =>
        {
            handled = true;
            c.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        return (context.Response.StatusCode, handled, aborted);
    }

    private sealed class AbortFeature(Action onAbort) : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public void Abort() => onAbort();
    }
}
