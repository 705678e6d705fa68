//! How much the benchmark was starved of CPU by other work on the client's machine: the time
//! its threads (and the server's, when it runs here) were runnable but waited for a CPU, from
//! the kernel's schedstat. A neighbour that takes CPU shows as waiting; a server that is slow
//! on its own (a stall, a throttled process) does not, since nothing waits to run. Other
//! processes' CPU use would not do: on a busy machine they take whatever the benchmark leaves,
//! so it rises when the server slows down. Linux only; zero elsewhere.

use std::path::Path;

/// CPU time and run-queue wait, in ns.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sched {
    pub run_ns: u64,
    pub wait_ns: u64,
}

impl Sched {
    pub fn add(&mut self, o: Sched) {
        self.run_ns += o.run_ns;
        self.wait_ns += o.wait_ns;
    }

    pub fn since(self, before: Sched) -> Sched {
        Sched {
            run_ns: self.run_ns.saturating_sub(before.run_ns),
            wait_ns: self.wait_ns.saturating_sub(before.wait_ns),
        }
    }

    /// The share of the time the threads wanted a CPU that they spent waiting for one.
    pub fn starved(self) -> Option<f64> {
        let want = self.run_ns + self.wait_ns;
        (want > 0).then(|| self.wait_ns as f64 / want as f64)
    }

    /// The same share in percent, one decimal (as the samples keep it).
    pub fn starved_pct(self) -> Option<f64> {
        self.starved().map(|f| (f * 1000.0).round() / 10.0)
    }

    /// The wait for a CPU per operation, in µs (two decimals); None without figures or ops.
    pub fn wait_us_per(self, ops: u64) -> Option<f64> {
        self.per_op(self.wait_ns, ops)
    }

    /// The CPU time per operation, in µs (two decimals); None without figures or ops.
    pub fn run_us_per(self, ops: u64) -> Option<f64> {
        self.per_op(self.run_ns, ops)
    }

    fn per_op(self, ns: u64, ops: u64) -> Option<f64> {
        (self.run_ns + self.wait_ns > 0 && ops > 0)
            .then(|| (ns as f64 / ops as f64 / 10.0).round() / 100.0)
    }
}

/// The calling thread's schedstat (`/proc/thread-self/schedstat`: run ns, wait ns, slices).
pub fn this_thread() -> Sched {
    read(Path::new("/proc/thread-self/schedstat")).unwrap_or_default()
}

/// Every thread of a local process, when `/proc/PID` is a Redis-like server (a pid from INFO
/// of a server in another pid namespace may name some other process here).
pub fn process(pid: u32) -> Option<Sched> {
    let dir = Path::new("/proc").join(pid.to_string());
    let comm = std::fs::read_to_string(dir.join("comm")).ok()?;
    if !(comm.contains("redis") || comm.contains("valkey") || comm.contains("keydb")) {
        return None;
    }
    let mut total = Sched::default();
    for e in std::fs::read_dir(dir.join("task")).ok()?.flatten() {
        if let Some(s) = read(&e.path().join("schedstat")) {
            total.add(s);
        }
    }
    Some(total)
}

fn read(path: &Path) -> Option<Sched> {
    parse(&std::fs::read_to_string(path).ok()?)
}

fn parse(text: &str) -> Option<Sched> {
    let mut f = text.split_whitespace().map(|n| n.parse::<u64>().ok());
    Some(Sched {
        run_ns: f.next()??,
        wait_ns: f.next()??,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_kernels_counters() {
        assert_eq!(
            parse("1200 300 7\n"),
            Some(Sched {
                run_ns: 1200,
                wait_ns: 300
            })
        );
        assert_eq!(parse("x"), None);
        let s = Sched {
            run_ns: 300,
            wait_ns: 100,
        };
        assert_eq!(s.starved(), Some(0.25));
        assert_eq!(s.starved_pct(), Some(25.0));
        assert_eq!(Sched::default().starved(), None);
        assert_eq!(s.wait_us_per(4), Some(0.03));
        assert_eq!(s.run_us_per(4), Some(0.08));
        assert_eq!(s.wait_us_per(0), None);
        // Not a server: no figures for it.
        assert_eq!(process(std::process::id()), None);
    }
}
