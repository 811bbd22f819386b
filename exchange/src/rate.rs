//! A per-client rate limit for posted messages: one token bucket per client address
//! (`[limits] client_messages_per_minute`, `client_burst`). A client over its rate gets
//! HTTP 429 with `Retry-After` (`exchange.rate_limited`) before its body is read; other
//! clients are not affected. Behind a reverse proxy the client is the address the proxy puts
//! in `X-Forwarded-For`, taken only from proxies listed in `trusted_proxies`.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Instant;

/// The most client addresses remembered; beyond it, the buckets that are full again (idle
/// clients) are forgotten, and if none is, the oldest — memory stays bounded under a flood of
/// addresses.
const MAX_CLIENTS: usize = 10_000;

/// Token buckets per client address.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` messages per minute per client after a burst of
    /// `burst`. `per_minute == 0` turns the limit off.
    #[must_use]
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client` at `now`: `Ok` when the message may go on, `Err(seconds)`
    /// (at least 1) until the client may send again.
    ///
    /// # Errors
    /// The seconds to wait, for a client over its rate.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let client = client_group(client);
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_CLIENTS && !map.contains_key(&client) {
            self.forget_idle(&mut map, now);
        }
        let (tokens, last) = map.entry(client).or_insert((self.burst, now));
        let elapsed = now.saturating_duration_since(*last).as_secs_f64();
        *tokens = (*tokens + elapsed * self.per_second).min(self.burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - *tokens) / self.per_second;
            // Saturating float → integer conversion; at least one second.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Err((wait.ceil() as u64).max(1))
        }
    }

    fn forget_idle(&self, map: &mut HashMap<IpAddr, (f64, Instant)>, now: Instant) {
        let full = |(tokens, last): &(f64, Instant)| {
            tokens + now.saturating_duration_since(*last).as_secs_f64() * self.per_second
                >= self.burst
        };
        map.retain(|_, b| !full(b));
        if map.len() >= MAX_CLIENTS {
            // Every client active: the tenth seen longest ago is forgotten at once (one pass),
            // so the next new addresses find room without a scan of the whole map each — a
            // flood of new addresses against a full map had cost two full scans per request
            // under the lock.
            let mut by_age: Vec<(Instant, IpAddr)> =
                map.iter().map(|(k, (_, last))| (*last, *k)).collect();
            let k = (MAX_CLIENTS / 10).min(by_age.len().saturating_sub(1));
            by_age.select_nth_unstable(k);
            for (_, ip) in by_age.iter().take(k + 1) {
                map.remove(ip);
            }
        }
    }

    /// How many client addresses are remembered now.
    #[must_use]
    pub fn clients(&self) -> usize {
        self.buckets.lock().map_or(0, |m| m.len())
    }
}

/// A budget of log lines for one kind of event (a refused or rejected request): at most
/// `per_second` lines in a second; the ones over it are counted, and the next line logged
/// says how many were left out. A client sending garbage as fast as it can must not make the
/// node write logs without bound (`/metrics` counts every refusal anyway).
#[derive(Debug)]
pub struct LogBudget {
    per_second: u32,
    second: AtomicU64,
    used: AtomicU32,
    suppressed: AtomicU64,
}

impl LogBudget {
    /// A budget of `per_second` lines a second.
    #[must_use]
    pub const fn new(per_second: u32) -> Self {
        Self {
            per_second,
            second: AtomicU64::new(0),
            used: AtomicU32::new(0),
            suppressed: AtomicU64::new(0),
        }
    }

    /// At the wall-clock second `now_secs`: `Some(n)` — log this line, noting that `n` lines
    /// were left out since the last one logged — or `None`, leave it out (counted).
    ///
    /// ```
    /// use labourlink_exchange::rate::LogBudget;
    /// let budget = LogBudget::new(2);
    /// assert_eq!(budget.take(7), Some(0));
    /// assert_eq!(budget.take(7), Some(0));
    /// assert_eq!(budget.take(7), None);
    /// assert_eq!(budget.take(7), None);
    /// assert_eq!(budget.take(8), Some(2), "the next second says how many were left out");
    /// ```
    pub fn take(&self, now_secs: u64) -> Option<u64> {
        let seen = self.second.load(Ordering::Relaxed);
        if seen != now_secs
            && self
                .second
                .compare_exchange(seen, now_secs, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            self.used.store(0, Ordering::Relaxed);
        }
        if self.used.fetch_add(1, Ordering::Relaxed) < self.per_second {
            Some(self.suppressed.swap(0, Ordering::Relaxed))
        } else {
            self.suppressed.fetch_add(1, Ordering::Relaxed);
            None
        }
    }
}

/// The key that stands for one client in the per-client limits (rate, connections, bodies
/// in reading): an IPv4 address as itself (also when it arrives IPv4-mapped, `::ffff:a.b.c.d`,
/// on a dual-stack listener), an IPv6 address by its /64 prefix — one site or host is given a
/// whole /64 and may use any address in it, so counting full IPv6 addresses would let one
/// client be as many clients as it likes.
#[must_use]
pub fn client_group(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// The client of a request: the peer address, or — when the peer is one of
/// `trusted_proxies` — the rightmost address in `X-Forwarded-For` that is not itself a
/// trusted proxy (the one the nearest trusted proxy saw). A malformed header counts as the
/// peer.
#[must_use]
pub fn client_address(
    peer: IpAddr,
    forwarded_for: Option<&str>,
    trusted_proxies: &[IpAddr],
) -> IpAddr {
    let peer = peer.to_canonical();
    let trusted = |ip: &IpAddr| trusted_proxies.iter().any(|t| t.to_canonical() == *ip);
    if !trusted(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let mut client = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>().map(|ip| ip.to_canonical()) {
            Ok(ip) => {
                client = ip;
                if !trusted(&ip) {
                    break;
                }
            }
            Err(_) => return peer,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::time::Duration;

    #[test]
    fn burst_then_refill_per_client() {
        let r = RateLimiter::new(60, 3);
        let t = Instant::now();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert_eq!(r.check(a, t), Ok(()));
        }
        assert_eq!(r.check(a, t), Err(1));
        // Another client is not affected.
        assert_eq!(r.check(b, t), Ok(()));
        // One token per second comes back.
        assert_eq!(r.check(a, t + Duration::from_secs(1)), Ok(()));
        assert_eq!(r.check(a, t + Duration::from_secs(1)), Err(1));
    }

    #[test]
    fn zero_is_off_and_wait_is_rounded_up() {
        let off = RateLimiter::new(0, 1);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let t = Instant::now();
        for _ in 0..100 {
            assert_eq!(off.check(a, t), Ok(()));
        }
        let slow = RateLimiter::new(6, 1);
        assert_eq!(slow.check(a, t), Ok(()));
        assert_eq!(slow.check(a, t), Err(10));
    }

    #[test]
    fn memory_is_bounded_under_many_addresses() {
        let r = RateLimiter::new(60, 1);
        let t = Instant::now();
        for i in 0..(MAX_CLIENTS as u32 + 500) {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            let _ = r.check(ip, t);
        }
        assert!(r.clients() <= MAX_CLIENTS);
    }

    /// With every remembered client active, a new address makes room for the next tenth at
    /// once (audit s38 long-run F6: each new address had scanned the whole map twice under
    /// the lock); the clients seen longest ago are the ones forgotten.
    #[test]
    fn a_full_map_of_active_clients_makes_room_a_tenth_at_a_time() {
        let r = RateLimiter::new(1, 5);
        let t = Instant::now();
        let ip = |i: u32| IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
        let n = u32::try_from(MAX_CLIENTS).unwrap();
        for i in 0..n {
            let _ = r.check(ip(i), t + std::time::Duration::from_millis(u64::from(i)));
        }
        assert_eq!(r.clients(), MAX_CLIENTS);
        let later = t + std::time::Duration::from_secs(20);
        let _ = r.check(ip(n), later);
        let after = r.clients();
        assert_eq!(
            after,
            MAX_CLIENTS - MAX_CLIENTS / 10,
            "a tenth (and one) forgotten"
        );
        for i in 1..=500 {
            let _ = r.check(ip(n + i), later);
        }
        assert_eq!(r.clients(), after + 500, "no eviction until full again");
        // The oldest went, the newest stayed: the newest old client still has a used bucket.
        let map = r.buckets.lock().unwrap();
        assert!(!map.contains_key(&ip(0)) && map.contains_key(&ip(n - 1)));
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "198.51.100.7".parse().unwrap();
        let trusted = [proxy];
        let client = "203.0.113.9".parse::<IpAddr>().unwrap();
        // From the proxy: the rightmost untrusted hop (a client cannot spoof by prepending).
        assert_eq!(
            client_address(proxy, Some("10.9.9.9, 203.0.113.9"), &trusted),
            client
        );
        assert_eq!(
            client_address(proxy, Some("203.0.113.9, 127.0.0.1"), &trusted),
            client
        );
        // Not from a trusted proxy, or malformed: the peer.
        assert_eq!(client_address(other, Some("203.0.113.9"), &trusted), other);
        assert_eq!(client_address(proxy, Some("nonsense"), &trusted), proxy);
        assert_eq!(client_address(proxy, None, &trusted), proxy);
    }

    /// A dual-stack listener (`[::]:…`) sees IPv4 peers as `::ffff:a.b.c.d`: a proxy listed
    /// as `127.0.0.1` is still trusted, and the client it forwards is the IPv4 address,
    /// whichever way each side is written.
    #[test]
    fn ipv4_mapped_addresses_are_their_ipv4_address() {
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.9".parse().unwrap();
        for trusted in [["127.0.0.1".parse().unwrap()], [mapped]] {
            assert_eq!(
                client_address(mapped, Some("::ffff:203.0.113.9"), &trusted),
                client
            );
            assert_eq!(
                client_address(
                    "127.0.0.1".parse().unwrap(),
                    Some("203.0.113.9, ::ffff:127.0.0.1"),
                    &trusted
                ),
                client
            );
        }
        assert_eq!(
            client_address(mapped, None, &[]),
            "127.0.0.1".parse::<IpAddr>().unwrap()
        );
    }

    /// One IPv6 client is its /64: every address in it shares one rate bucket.
    #[test]
    fn an_ipv6_client_is_its_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:fffe".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_group(a), client_group(b));
        assert_ne!(client_group(a), client_group(c));
        assert_eq!(
            client_group("::ffff:192.0.2.1".parse().unwrap()),
            "192.0.2.1".parse::<IpAddr>().unwrap()
        );
        let r = RateLimiter::new(60, 2);
        let t = Instant::now();
        assert_eq!(r.check(a, t), Ok(()));
        assert_eq!(r.check(b, t), Ok(()));
        assert!(r.check(a, t).is_err(), "the /64 has used its burst");
        assert_eq!(r.check(c, t), Ok(()));
    }
}
