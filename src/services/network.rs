//! The browser's network connection.

/// Calls `on_online` when the browser gets its network connection back.
pub fn on_online(on_online: impl Fn() + 'static) -> gloo_events::EventListener {
    let window = web_sys::window().expect("a window");
    gloo_events::EventListener::new(&window, "online", move |_| on_online())
}
