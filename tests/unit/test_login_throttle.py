"""The pure rules of login throttling: per (account, address) pair, per address, and per
account only at a much higher count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from queue_server.domain import throttle
from queue_server.domain.throttle import Failures, Verdict, judge

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
NONE = Failures(0)


def just_now(count: int, seconds_ago: float = 0) -> Failures:
    return Failures(count, NOW - timedelta(seconds=seconds_ago))


def test_the_delay_doubles_after_the_free_failures_and_is_capped() -> None:
    assert throttle.login_delay(4) == timedelta(0)
    assert [throttle.login_delay(n).total_seconds() for n in (5, 6, 7, 8)] == [1, 2, 4, 8]
    assert throttle.login_delay(13) == timedelta(seconds=256)
    assert throttle.login_delay(10_000) == throttle.MAX_DELAY


def test_a_pair_past_its_free_failures_waits() -> None:
    assert judge(just_now(4), just_now(4), just_now(4), NOW) == Verdict()
    assert judge(just_now(5), just_now(5), just_now(5), NOW) == Verdict(1, throttle.PAIR)
    # 13 failures: 256 s after the last one, 19 of them already gone
    assert judge(just_now(13, 19), just_now(13, 19), just_now(13, 19), NOW) == Verdict(
        237, throttle.PAIR)


def test_the_wait_is_over_once_the_delay_has_passed() -> None:
    assert judge(just_now(6, 2), just_now(6, 2), just_now(6, 2), NOW) == Verdict()
    assert throttle.wait_seconds(just_now(6, 1.5), throttle.FREE_FAILURES, NOW) == 1


def test_failures_of_one_address_do_not_hold_back_the_same_account_elsewhere() -> None:
    """The issue's example: 13 failures from A; the owner at B has a clean pair and a
    clean address, and the account is far below its own limit."""
    assert judge(pair=NONE, address=NONE, account=just_now(13), now=NOW) == Verdict()


def test_one_address_spraying_many_accounts_is_held_back() -> None:
    assert judge(NONE, just_now(19), just_now(1), NOW) == Verdict()
    assert judge(NONE, just_now(20), just_now(1), NOW) == Verdict(1, throttle.ADDRESS)
    assert judge(NONE, just_now(24), just_now(1), NOW) == Verdict(16, throttle.ADDRESS)


def test_an_account_is_held_back_for_everyone_only_at_a_much_higher_count() -> None:
    limit = throttle.FREE_FAILURES_PER_ACCOUNT
    assert limit >= 10 * throttle.FREE_FAILURES
    assert judge(NONE, NONE, just_now(limit - 1), NOW) == Verdict()
    assert judge(NONE, NONE, just_now(limit), NOW) == Verdict(1, throttle.ACCOUNT)
    assert judge(NONE, NONE, just_now(limit + 3), NOW) == Verdict(8, throttle.ACCOUNT)
    assert not throttle.account_limit_engaged(limit - 1)
    assert throttle.account_limit_engaged(limit)


def test_the_longest_wait_decides() -> None:
    assert judge(just_now(8), just_now(22), just_now(51), NOW) == Verdict(8, throttle.PAIR)
    assert judge(just_now(6), NONE, just_now(53), NOW) == Verdict(8, throttle.ACCOUNT)
