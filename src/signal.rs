//! Ctrl-C and SIGTERM: waiting for one, and the stop request long-running work checks
//! between batches.

/// Waits for Ctrl-C (SIGINT) or SIGTERM.
pub async fn interrupted() {
    next_signal(&mut listen()).await;
}

/// A Ctrl-C (or SIGTERM) request, checked between batches by long-running commands.
#[derive(Clone, Default)]
pub struct Stop(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Stop {
    /// Starts listening for Ctrl-C; must be called inside the runtime. The handlers are in
    /// place when this returns (not when the task first runs), so a Ctrl-C right after is
    /// a stop request, never the default kill.
    pub fn on_signal() -> Stop {
        let stop = Stop::default();
        let flag = stop.0.clone();
        let mut streams = listen();
        tokio::spawn(async move {
            next_signal(&mut streams).await;
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            // A second Ctrl-C means "now": the operator will not wait for the batch in flight.
            next_signal(&mut streams).await;
            crate::output::stderr_line("redkit: interrupted again, exiting without waiting");
            std::process::exit(130);
        });
        stop
    }

    pub fn requested(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// SIGINT and SIGTERM handlers, registered now (None when the runtime refused them).
#[cfg(unix)]
type Streams = Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>;
#[cfg(not(unix))]
type Streams = ();

fn listen() -> Streams {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        signal(SignalKind::interrupt())
            .and_then(|i| Ok((i, signal(SignalKind::terminate())?)))
            .ok()
    }
}

/// The next Ctrl-C or SIGTERM, from the registered handlers; Ctrl-C alone where there are
/// none.
async fn next_signal(streams: &mut Streams) {
    #[cfg(unix)]
    if let Some((int, term)) = streams {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}
