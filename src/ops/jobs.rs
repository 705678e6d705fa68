//! The application's jobs as their event streams tell them (`job_events:{job_id}`): the one
//! rule, shared by `stream jobs` and health's `jobs` check, that turns a stream's last event
//! into a state.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Completed,
    Failed,
    Stuck,
}

impl JobState {
    pub fn name(self) -> &'static str {
        match self {
            JobState::Running => "running",
            JobState::Completed => "completed",
            JobState::Failed => "failed",
            JobState::Stuck => "stuck",
        }
    }
}

/// A job's state from its last event's type and age: `task_completed` and `task_failed` end
/// it; otherwise it is `stuck` once its last event is older than `stuck_after` (None: never).
pub fn job_state(
    last_event_type: Option<&[u8]>,
    age_ms: u64,
    stuck_after: Option<Duration>,
) -> JobState {
    match last_event_type {
        Some(b"task_completed") => JobState::Completed,
        Some(b"task_failed") => JobState::Failed,
        _ if stuck_after.is_some_and(|s| age_ms > s.as_millis() as u64) => JobState::Stuck,
        _ => JobState::Running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_first_then_age() {
        let m15 = Some(Duration::from_secs(900));
        assert_eq!(
            job_state(Some(b"task_failed"), u64::MAX, m15),
            JobState::Failed
        );
        assert_eq!(
            job_state(Some(b"task_completed"), 0, m15),
            JobState::Completed
        );
        assert_eq!(
            job_state(Some(b"task_progress"), 900_001, m15),
            JobState::Stuck
        );
        assert_eq!(
            job_state(Some(b"task_progress"), 900_000, m15),
            JobState::Running
        );
        assert_eq!(job_state(None, u64::MAX, None), JobState::Running);
    }
}
