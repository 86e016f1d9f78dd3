using TaskWatch.Configuration;
using TaskWatch.Tests.Support;

namespace TaskWatch.Tests.Tracking;

/// <summary>
/// The account leases of several instances on one PostgreSQL database (<see cref="LeaseFleet"/>: the real leases on a
/// clock the test moves, so each look comes at a known time whatever the machine's load) when a holder is killed and a
/// new instance starts just after the others took its accounts, as the fleet bench found it (issue 32): the survivors,
/// over their share once the newcomer counts, give back at once the accounts they have not polled yet (the killed
/// one's), keep polling their own, and the newcomer, under its share, looks every second until it has them.
/// Skipped without PostgreSQL binaries, failing instead when CI is set (<see cref="PostgreSqlServer"/>).
/// </summary>
public sealed class LeaseRebalancingTests(PostgreSqlServer server)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AHolderKilled_AndANewInstanceStartingAsTheOthersTakeItsAccounts_EachOfThemIsPolledAgain_WithinLeaseTakeoverPlusTwiceTheSweepLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await LeaseFleet.StartAsync(await server.DatabaseAsync(), ["a", "b", "c", "d", "e", "f"], ct);

        // Three instances of two accounts each: A (to be killed) holds e and f, B takes a and b, C takes c and d (a
        // session counted as an instance while B starts keeps B's share at two until C starts). A's accounts come last
        // by name: before the fix an instance over its share gave back those past its share by name, polled or not, one
        // look after it stopped them, so here A's accounts, taken by B and C and not polled yet, reached D two looks later.
        var instanceA = await fleet.HoldAsInstanceAsync("A", ["e", "f"], ct);
        var placeholder = await fleet.HoldAsInstanceAsync("C-to-be", [], ct);
        await fleet.StartInstanceAsync("B");
        await fleet.KillAsync(placeholder, ct);
        await fleet.StartInstanceAsync("C");

        // B and C look every (LeaseTakeover - 6 s) / 2 = 4.5 s from the start: 4.5, 6 (end of the quiet time), 10.5,
        // 15, 19.5 s... A is killed just after their look at 10.5 s, so they see it gone a whole interval later, the
        // longest wait there can be; D starts (a restarted process) once they have taken A's accounts.
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(10.7));
        Assert.Equal(["a", "b"], fleet.Polled("B"));
        Assert.Equal(["c", "d"], fleet.Polled("C"));
        var kill = fleet.Now;
        await fleet.KillAsync(instanceA, ct);
        var timeline = new List<string>();
        var polledAgain = new Dictionary<string, DateTime>();
        var seen = string.Empty;
        async Task Watch()
        {
            var polled = fleet.Instances.ToDictionary(i => i, fleet.Polled);
            var twice = fleet.Accounts.Where(x => polled.Values.Count(p => p.Contains(x)) > 1).ToList();
            Assert.True(twice.Count == 0, $"at {(fleet.Now - kill).TotalSeconds:0.0} s after the kill, accounts {string.Join(", ", twice)} were polled by two instances");
            foreach (var account in new[] { "e", "f" }.Where(x => !polledAgain.ContainsKey(x) && polled.Values.Any(p => p.Contains(x))))
            {
                polledAgain[account] = fleet.Now;
            }

            // Each instance's polled accounts, then (in brackets) those whose lock it holds without polling them: taken
            // and still quiet, or being given back.
            var locks = await fleet.LockHoldersAsync(ct);
            var state = string.Join("  ", polled.Select(p =>
                $"{p.Key}: {string.Join(",", p.Value)} [{string.Join(",", locks.Where(l => l.Value == "lease-" + p.Key && !p.Value.Contains(l.Key)).Select(l => l.Key).Order(StringComparer.Ordinal))}]"));
            if (state != seen)
            {
                timeline.Add($"{(fleet.Now - kill).TotalSeconds,5:0.0} s after the kill  {state}");
                seen = state;
            }
        }

        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(15.6), Watch);
        var holders = await fleet.LockHoldersAsync(ct);
        Assert.True(holders.GetValueOrDefault("e") is "lease-B" or "lease-C" && holders.GetValueOrDefault("f") is "lease-B" or "lease-C", "B and C have taken A's accounts before D starts");
        await fleet.StartInstanceAsync("D");
        await fleet.AdvanceToAsync(kill + TimeSpan.FromSeconds(40), Watch);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, timeline));

        // The bench's limit: LeaseTakeover (15 s, the default) + 2 x the sweep limit, here 1 s (each account's jobs fit
        // one list page at one call a second). Polled means taken and past its quiet time: the holder's poller is woken
        // and its first round goes out at once.
        var limit = new StorageOptions().LeaseTakeover + (2 * Second);
        foreach (var account in new[] { "e", "f" })
        {
            Assert.True(polledAgain.ContainsKey(account), $"account {account} of the killed instance was not polled again in the 40 s after the kill");
            var after = polledAgain[account] - kill;
            Assert.True(after <= limit, $"account {account} of the killed instance was polled again {after.TotalSeconds:0.0} s after the kill, more than the {limit.TotalSeconds:0} s allowed");
        }

        // In the end every account is polled, by one instance, none over ceil(6 / 3) = 2.
        var end = fleet.Instances.ToDictionary(i => i, fleet.Polled);
        Assert.Equal(fleet.Accounts, end.Values.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.All(end, p => Assert.True(p.Value.Count <= 2, $"{p.Key} polls {string.Join(", ", p.Value)}"));
        Assert.Empty(fleet.Warnings);
    }

    [Fact]
    public async Task OverItsShare_AnInstanceGivesBackAtOnceTheAccountItHasNotPolledYet_KeepsPollingItsOwn_AndTheNewcomerTakesItWithinASecond()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await LeaseFleet.StartAsync(await server.DatabaseAsync(), ["a", "b"], ct);

        // A (to be killed) holds a; B, sharing with it, takes b and polls it from 6 s on (looks at 0, 4.5, 6, 10.5, 15 s).
        // The account not polled yet comes first by name: before the fix B gave back b, the one past its share by name,
        // and kept a waiting out its quiet time.
        var instanceA = await fleet.HoldAsInstanceAsync("A", ["a"], ct);
        await fleet.StartInstanceAsync("B");
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(6.1));
        Assert.Equal(["b"], fleet.Polled("B"));
        var bPolledThroughout = true;
        Task Watch()
        {
            bPolledThroughout &= fleet.Polled("B").Contains("b");
            return Task.CompletedTask;
        }

        // Alone after the kill, B takes a at 10.5 s (its quiet time runs to 16.5 s); D starts at 12.2 s and finds
        // nothing free (looking a check interval later, at 16.7 s, it would leave a unpolled past 16 s).
        await fleet.KillAsync(instanceA, ct);
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(12.2), Watch);
        Assert.Equal("lease-B", (await fleet.LockHoldersAsync(ct)).GetValueOrDefault("a"));
        await fleet.StartInstanceAsync("D");

        // At its look at 15 s B counts D: over its share of one, it gives back a, which it has not polled yet, at that
        // look, and goes on polling b.
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(15), Watch);
        Assert.True(fleet.Polled("B").SequenceEqual(["b"]), $"after its look at 15 s B polls [{string.Join(", ", fleet.Polled("B"))}], not its own account b");
        var holder = (await fleet.LockHoldersAsync(ct)).GetValueOrDefault("a");
        Assert.True(holder is null, $"after B's look at 15 s the account a it had not polled yet is still held by {holder}, not given back at once");

        // D, under its share since the instances changed, looks every second: it has a at its next look.
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(16), Watch);
        holder = (await fleet.LockHoldersAsync(ct)).GetValueOrDefault("a");
        Assert.True(holder == "lease-D", $"a second after B gave a back, a is held by {holder ?? "nobody"}, not by D");
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(30), Watch);
        Assert.Equal(["a"], fleet.Polled("D"));
        Assert.Equal(["b"], fleet.Polled("B"));
        Assert.True(bPolledThroughout, "B stopped polling its own account b");
        Assert.Empty(fleet.Warnings);
    }

    [Fact]
    public async Task AnInstanceJoining_TheAccountItIsGiven_GoesUnpolledNoLongerThanOneLookASecondAndTheQuietTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await LeaseFleet.StartAsync(await server.DatabaseAsync(), ["a", "b"], ct);

        // B alone polls a and b from 6 s on (looks at 0, 4.5, 6, 10.5, 15 s...). D starts at 9.9 s, just over a
        // second before B's look at 10.5 s counts it: B stops polling b there and gives it back a look later (15 s),
        // once a round of b's that was out has ended. D's last look a second apart must come after that: with them
        // kept for one check interval only (to 14.4 s) it took b at its next look, 19.4 s, and b went unpolled 14.9 s.
        await fleet.StartInstanceAsync("B");
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(9.9));
        Assert.Equal(["a", "b"], fleet.Polled("B"));
        await fleet.StartInstanceAsync("D");
        // The clock moves from one look to the next, so the first moment seen without b is the look that stopped it.
        DateTime? stoppedByB = null, firstPolledByD = null;
        Task Watch()
        {
            if (stoppedByB is null && !fleet.Polled("B").Contains("b"))
            {
                stoppedByB = fleet.Now;
            }

            if (firstPolledByD is null && fleet.Polled("D").Contains("b"))
            {
                firstPolledByD = fleet.Now;
            }

            Assert.False(fleet.Polled("B").Contains("b") && fleet.Polled("D").Contains("b"), "b is polled by B and D at once");
            return Task.CompletedTask;
        }

        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(40), Watch);
        Assert.True(stoppedByB is not null, "B kept polling b with D started");
        Assert.True(firstPolledByD is not null, "D never polled b, the account B gave back");

        // One check interval (B's round out has ended), the quiet time (a holder's writes land), and D's look a second
        // apart with a second to spare.
        var limit = new StorageOptions().LeaseCheckInterval + StorageOptions.LeaseQuiet + (2 * Second);
        var gap = firstPolledByD!.Value - stoppedByB!.Value;
        Assert.True(gap <= limit, $"b went unpolled {gap.TotalSeconds:0.0} s between B giving it back and D polling it, more than {limit.TotalSeconds:0.0} s");
        Assert.Equal(["a"], fleet.Polled("B"));
        Assert.Equal(["b"], fleet.Polled("D"));
        Assert.Empty(fleet.Warnings);
    }

    [Fact]
    public async Task AnAccountTaken_IsHeld_BeforeItsStoredScheduleIsRead_SoThePollerDoesNotSetItsLoadedJobsAside()
    {
        // The load puts the account's jobs in the schedule and wakes the poller, which sets aside (until a takeover) the
        // due jobs of an account its instance does not hold: held only after the load, a takeover could leave the
        // account's jobs aside until something else woke them (the fleet bench: one account polled again 28 s after a kill).
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await LeaseFleet.StartAsync(await server.DatabaseAsync(), ["a"], ct);
        var heldAtRead = new List<bool>();
        fleet.DatabaseRead = instance =>
        {
            lock (heldAtRead)
            {
                heldAtRead.Add(fleet.Holds(instance, "a"));
            }
        };

        await fleet.StartInstanceAsync("B");
        await fleet.AdvanceToAsync(LeaseFleet.Start + TimeSpan.FromSeconds(6.1));
        Assert.Equal(["a"], fleet.Polled("B"));
        Assert.NotEmpty(heldAtRead);
        Assert.True(heldAtRead.All(held => held), $"B read a's stored schedule {heldAtRead.Count(held => !held)} of {heldAtRead.Count} times before its poller could poll a");
    }
}
