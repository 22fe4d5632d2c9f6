/*
 * embeddable4j client glue, shared by every adapter (the Vaadin component, the servlet bridge). Plain ES5, no build.
 *
 * The widget's loader does not always frame app.html on its own origin: a built adapter.js frames the HOSTING_URL
 * baked into its build. So a widget host is given the SET of origins its frame may have, finds the frame, reads the
 * origin of the frame's actual src, and
 *   - sends commands only to that origin, and only when it is in the set;
 *   - accepts messages only from that frame's own window, on that origin;
 *   - reports a frame on any other origin loudly (console.error, and once to the host's onReject, which tells the
 *     server), instead of dropping everything silently.
 * The widget itself checks no origin and posts to '*': these checks are the host page's only protection.
 */
(function () {
  'use strict';
  var MARK = 'embeddable4j-glue-1';
  // A page element with id="embeddable4j" shows up as window.embeddable4j (DOM clobbering): only an own,
  // non-writable property carrying our mark counts as loaded.
  var own = Object.getOwnPropertyDescriptor(window, 'embeddable4j');
  if (own && own.value && own.value.__mark === MARK) {
    return;
  }

  var hosts = {};
  var listening = false;

  function originOf(url) {
    if (!url) {
      return null;
    }
    try {
      var parsed = new URL(url, document.baseURI);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
    } catch (e) {
      return null;
    }
  }

  function frameOf(host) {
    if (host.mode === 'inline') {
      return host.element ? host.element.querySelector('iframe') : null;
    }
    var frame = document.getElementById(host.prefix + '-adapter-frame');
    return frame && frame.tagName === 'IFRAME' ? frame : null;
  }

  function allowed(host, origin) {
    return origin !== null && host.origins.indexOf(origin) >= 0;
  }

  function reject(host, origin) {
    if (host.rejected[origin]) {
      return;
    }
    host.rejected[origin] = true;
    console.error('embeddable4j: the RingCentral Embeddable frame runs on ' + origin + ', which is not one of the'
      + ' widget origins this page allows (' + host.origins.join(', ') + '). Its messages are ignored and no'
      + ' command is sent to it. If you trust that origin, add it to the frame origins'
      + ' (ringcentral.embeddable.frame-origins).');
    if (host.onReject) {
      try {
        host.onReject(origin);
      } catch (e) {
        console.error(e);
      }
    }
  }

  /* The frame's window and origin when the frame exists and its origin is allowed; null otherwise. */
  function target(host) {
    var frame = frameOf(host);
    if (!frame || !frame.contentWindow) {
      return null;
    }
    var origin = originOf(frame.getAttribute('src') || frame.src);
    if (!allowed(host, origin)) {
      if (origin) {
        reject(host, origin);
      }
      return null;
    }
    return { window: frame.contentWindow, origin: origin };
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') {
      return;
    }
    Object.keys(hosts).forEach(function (id) {
      var host = hosts[id];
      var frame = frameOf(host);
      if (!frame || !event.source || event.source !== frame.contentWindow) {
        return; // not this host's widget frame: another frame, a popup, or the page itself
      }
      if (!allowed(host, event.origin)) {
        reject(host, event.origin);
        return;
      }
      if (event.origin !== originOf(frame.getAttribute('src') || frame.src)) {
        return; // the frame navigated away from its src: not the widget any more
      }
      host.onMessage(data, event.origin);
    });
  }

  function listen() {
    if (!listening) {
      window.addEventListener('message', onMessage);
      listening = true;
    }
  }

  function floatingHosts() {
    return Object.keys(hosts).filter(function (id) {
      return hosts[id].mode === 'floating';
    }).length;
  }

  function adapterScript() {
    var scripts = document.getElementsByTagName('script');
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute('src') || '';
      var path = src.split('?')[0].split('#')[0];
      if (/\/adapter(\.[a-z]+)?(\.min)?\.js$/.test(path)) {
        return scripts[i];
      }
    }
    return null;
  }

  var api = {
    __mark: MARK,

    /* For tests and debugging. */
    state: function () {
      return { hosts: Object.keys(hosts).length, listening: listening, floating: floatingHosts() };
    },

    /*
     * Registers a widget host. options: mode ('floating' | 'inline'), element (for inline: the element holding the
     * iframe), prefix (the widget's prefix, for the floating frame's id), origins (allowed frame origins),
     * onMessage(data, origin), onReject(origin).
     */
    attach: function (id, options) {
      hosts[id] = {
        mode: options.mode === 'inline' ? 'inline' : 'floating',
        element: options.element || null,
        prefix: options.prefix || 'rc-widget',
        origins: (options.origins || []).slice(),
        onMessage: options.onMessage || function () {},
        onReject: options.onReject || null,
        rejected: {}
      };
      listen();
    },

    /* A host that is a DOM element: messages and rejections become 'rc-message' and 'rc-frame-rejected' events. */
    attachElement: function (element, id, mode, origins, prefix) {
      api.attach(id, {
        mode: mode, element: element, prefix: prefix, origins: origins,
        onMessage: function (data) {
          var json;
          try {
            json = JSON.stringify(data);
          } catch (e) {
            return;
          }
          element.dispatchEvent(new CustomEvent('rc-message', { detail: { type: data.type, json: json } }));
        },
        onReject: function (origin) {
          element.dispatchEvent(new CustomEvent('rc-frame-rejected', { detail: { origin: origin } }));
        }
      });
    },

    detach: function (id) {
      delete hosts[id];
      if (listening && Object.keys(hosts).length === 0) {
        window.removeEventListener('message', onMessage);
        listening = false;
      }
    },

    /* Removes the floating widget (its calls end); loadAdapter() brings it back. */
    disposeFloating: function (prefix) {
      if (typeof window.RCAdapterDispose === 'function') {
        window.RCAdapterDispose();
      } else {
        var box = document.getElementById(prefix || 'rc-widget');
        if (box && box.parentNode) {
          box.parentNode.removeChild(box);
        }
      }
    },

    /*
     * Loads the floating widget once per page, with the given CSP nonce. A loader already on the page (placed by a
     * filter, a template or the page itself) is used instead of a second one. The loader starts on window "load",
     * which has passed when a view adds it later, so it is initialised by hand; after RCAdapterDispose() it is
     * initialised again.
     */
    loadAdapter: function (src, nonce) {
      var existing = adapterScript();
      if (existing) {
        if (!window.RCAdapter && typeof window.RCAdapterInit === 'function' && document.readyState === 'complete') {
          window.RCAdapterInit();
        }
        return false;
      }
      window.RC_EMBEDDABLE_ADAPTER_MANUAL_INIT = true;
      var script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.setAttribute('data-embeddable4j-loader', '');
      if (nonce) {
        script.nonce = nonce;
      }
      script.onload = function () {
        if (!window.RCAdapter && typeof window.RCAdapterInit === 'function') {
          window.RCAdapterInit();
        }
      };
      document.head.appendChild(script);
      return true;
    },

    /* Posts a command (a JSON text, never evaluated) to the host's widget frame; false when it cannot be sent. */
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
      var t = target(host);
      if (!t) {
        return false;
      }
      t.window.postMessage(message, t.origin);
      return true;
    },

    /* The origin of the host's frame when it exists and is allowed, else null (for tests and diagnostics). */
    frameOrigin: function (id) {
      var host = hosts[id];
      var t = host ? target(host) : null;
      return t ? t.origin : null;
    }
  };

  Object.defineProperty(window, 'embeddable4j', { value: api, writable: false, configurable: false, enumerable: false });
})();
