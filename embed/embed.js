/* Story Builder embed loader. On a partner's page:
 *   <div data-story-builder data-campaign="ID" data-view="builder" data-lang="en"></div>
 *   <script src="https://COLLECTOR/embed.js" async></script>
 * Each such element gets a titled, lazy-loaded iframe of the widget on the collector's origin.
 * The widget posts { type: "story-builder", version: 1, event, detail } to this page's origin only;
 * here each message is checked (origin, source frame, type, version) and anything else ignored.
 * Events reach the page as CustomEvents `story-builder:<event>` on the element (they bubble), and,
 * if the element has data-callback="functionName", as functionName(event, detail, element). */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.URL) return;
  var origin = new URL(script.src).origin;
  var frames = [];
  var TITLES = {
    en: { builder: 'Tell your story', wall: 'Stories people have shared' },
    cy: { builder: 'Adroddwch eich stori', wall: "Straeon mae pobl wedi'u rhannu" },
  };

  function number(value, fallback) {
    var n = parseInt(value, 10);
    return n > 0 ? n : fallback;
  }

  function emit(host, name, detail) {
    host.dispatchEvent(new CustomEvent('story-builder:' + name, { bubbles: true, detail: detail }));
    var callback = host.dataset.callback && window[host.dataset.callback];
    if (typeof callback === 'function') {
      try { callback(name, detail, host); } catch (error) { setTimeout(function () { throw error; }); }
    }
  }

  function mount(host) {
    if (host.storyBuilderFrame) return;
    var options = host.dataset;
    var view = options.view === 'wall' ? 'wall' : 'builder';
    // The campaign goes in the query: the collector lets only that campaign's sites frame the page.
    var query = new URLSearchParams({ campaign: options.campaign || '' });
    var hash = new URLSearchParams({ view: view, host: location.origin });
    if (options.lang) hash.set('lang', options.lang);
    var frame = document.createElement('iframe');
    // The wall is its own small page; the builder is the widget's index.
    frame.src = origin + (view === 'wall' ? '/wall.html?' : '/?') + query + '#' + hash;
    frame.title = options.title || (TITLES[options.lang] || TITLES.en)[view];
    frame.loading = 'lazy';
    frame.allow = 'web-share; clipboard-write';
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    var entry = {
      frame: frame,
      host: host,
      min: number(options.minHeight, 320),
      max: number(options.maxHeight, 6000),
      steps: 0,
    };
    frame.style.height = entry.min + 'px';
    host.storyBuilderFrame = frame;
    host.appendChild(frame);
    frames.push(entry);
  }

  function receive(event) {
    var message = event.data;
    if (event.origin !== origin || !message || message.type !== 'story-builder' || message.version !== 1) return;
    for (var i = 0; i < frames.length; i++) {
      var entry = frames[i];
      if (entry.frame.contentWindow !== event.source) continue;
      var detail = message.detail || {};
      if (message.event === 'height') {
        // Clamped, and set from the content's own height: the frame's size never feeds back into it.
        var height = Math.min(entry.max, Math.max(entry.min, Math.ceil(+detail.height || 0)));
        entry.frame.style.height = height + 'px';
        return;
      }
      if (message.event === 'step' && entry.steps++ > 0) {
        var top = entry.frame.getBoundingClientRect().top;
        if (top < 0 || top > innerHeight) entry.frame.scrollIntoView({ block: 'start' });
      }
      emit(entry.host, String(message.event), detail);
      return;
    }
  }

  function start() {
    var hosts = document.querySelectorAll('[data-story-builder]');
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }

  window.addEventListener('message', receive);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
