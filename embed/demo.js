// The demo page's own script: shows the snippet with this collector's address and logs every
// event the embedded widgets send, as a partner's page would listen for them.
(function () {
  'use strict';
  var snippet = document.getElementById('snippet');
  snippet.textContent = snippet.textContent.replace('https://YOUR-COLLECTOR', location.origin);
  var log = document.getElementById('event-log');
  ['ready', 'step', 'shared', 'submitted', 'error'].forEach(function (name) {
    document.addEventListener('story-builder:' + name, function (event) {
      var item = document.createElement('li');
      item.textContent = event.target.id + ': ' + name + ' ' + JSON.stringify(event.detail);
      log.appendChild(item);
    });
  });
})();
