//! Ctrl-C and SIGTERM: waiting for one, and the stop request long-running work checks
//! between batches.

/// Waits for Ctrl-C (SIGINT) or SIGTERM.
pub async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// A Ctrl-C (or SIGTERM) request, checked between batches by long-running commands.
#[derive(Clone, Default)]
pub struct Stop(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Stop {
    /// Starts listening for Ctrl-C; must be called inside the runtime.
    pub fn on_signal() -> Stop {
        let stop = Stop::default();
        let flag = stop.0.clone();
        tokio::spawn(async move {
            interrupted().await;
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            // A second Ctrl-C means "now": the operator will not wait for the batch in flight.
            interrupted().await;
            crate::output::stderr_line("redkit: interrupted again, exiting without waiting");
            std::process::exit(130);
        });
        stop
    }

    pub fn requested(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}
