/*
 * embeddable4j: the client side of RingCentralEmbeddable (Vaadin). Loaded once per page with @JavaScript; no npm
 * bundle involved. One window "message" listener serves every widget host on the page; it forwards only messages
 * whose origin is the widget's origin and whose source is the widget's own frame, and is removed when the last
 * host detaches. Commands are posted to the widget's origin, never "*".
 */
(function () {
  'use strict';
  if (window.embeddable4j) {
    return;
  }
  var hosts = {};
  var listening = false;

  function frameWindow(host) {
    var frame = host.mode === 'inline'
      ? host.element.querySelector('iframe')
      : document.getElementById(host.prefix + '-adapter-frame');
    return frame ? frame.contentWindow : null;
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') {
      return;
    }
    Object.keys(hosts).forEach(function (id) {
      var host = hosts[id];
      if (event.origin !== host.origin || !event.source || event.source !== frameWindow(host)) {
        return;
      }
      var json;
      try {
        json = JSON.stringify(data);
      } catch (e) {
        return;
      }
      host.element.dispatchEvent(new CustomEvent('rc-message', { detail: { type: data.type, json: json } }));
    });
  }

  window.embeddable4j = {
    /* For tests and debugging: how many widget hosts are attached, and whether the message listener is on. */
    state: function () {
      return { hosts: Object.keys(hosts).length, listening: listening };
    },

    attach: function (element, id, mode, origin, prefix) {
      hosts[id] = { element: element, mode: mode, origin: origin, prefix: prefix };
      if (!listening) {
        window.addEventListener('message', onMessage);
        listening = true;
      }
    },

    detach: function (id) {
      delete hosts[id];
      if (listening && Object.keys(hosts).length === 0) {
        window.removeEventListener('message', onMessage);
        listening = false;
      }
    },

    /* Loads the floating widget once per page, with Vaadin's CSP nonce when strict CSP is on. The loader starts on
       window "load" on its own, which has passed by now, so it is initialised by hand. */
    loadAdapter: function (src) {
      if (document.querySelector('script[data-embeddable4j-loader]')) {
        return;
      }
      window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
      var script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.setAttribute('data-embeddable4j-loader', '');
      var nonce = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.nonce;
      if (nonce) {
        script.nonce = nonce;
      }
      script.onload = function () {
        if (typeof window.RCAdapterInit === 'function') {
          window.RCAdapterInit();
        }
      };
      document.head.appendChild(script);
    },

    post: function (id, json) {
      var host = hosts[id];
      if (!host) {
        return false;
      }
      var message = JSON.parse(json);
      if (message.type === 'rc-adapter-syncMinimized' && host.mode === 'floating'
          && window.RCAdapter && typeof window.RCAdapter.setMinimized === 'function') {
        window.RCAdapter.setMinimized(message.minimized);
        return true;
      }
      var target = frameWindow(host);
      if (!target) {
        return false;
      }
      target.postMessage(message, host.origin);
      return true;
    }
  };
})();
