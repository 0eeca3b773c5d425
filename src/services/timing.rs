//! User Timing marks around work worth watching (visible in the browser's performance tools and
//! read by `cargo xtask bench typing`). Only the latest measure of each name is kept.

/// Runs `work`, recording how long it took as the performance measure `name`.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return work() };
    let start = format!("{name}:start");
    let _ = performance.mark(&start);
    let result = work();
    performance.clear_measures_with_measure_name(name);
    let _ = performance.measure_with_start_mark(name, &start);
    performance.clear_marks_with_mark_name(&start);
    result
}
