/*
 * embeddable4j client glue, shared by every adapter (the Vaadin component, the servlet bridge). Plain ES5, no build.
 * Loaded by a <script> element with data-endpoint (the servlet bridge), it also forwards the widget's events to the
 * server; see startBridge.
 *
 * The widget's loader does not always frame app.html on its own origin: a built adapter.js frames the HOSTING_URL
 * baked into its build. So a widget host is given the SET of origins its frame may have, finds the frame, reads the
 * origin of the frame's actual src, and
 *   - sends commands only to that origin, and only when it is in the set;
 *   - accepts messages only from that frame's own window, on that origin;
 *   - reports a frame on any other http(s) origin loudly (console.error, and once to the host's onReject, which tells
 *     the server), instead of dropping everything silently; a frame showing a page with an opaque origin ('null': an
 *     error page) is only warned about in the console.
 * The widget itself checks no origin and posts to '*': these checks are the host page's only protection.
 */
(function () {
  'use strict';
  var MARK = 'embeddable4j-glue-1';
  // A page element with id="embeddable4j" shows up as window.embeddable4j (DOM clobbering): only an own,
  // non-writable property carrying our mark counts as loaded.
  var own = Object.getOwnPropertyDescriptor(window, 'embeddable4j');
  var script = document.currentScript;
  if (own && own.value && own.value.__mark === MARK) {
    own.value.startFromScript(script);
    return;
  }

  var hosts = {};
  var messageSeq = 0;
  // Whether the page is being left: a request failing then was cut off by the browser, which lets a keepalive one go
  // on (a review: a call log that arrived was also reported to the server as maybe not done)
  var pageLeft = false;
  window.addEventListener('pagehide', function () { pageLeft = true; });
  window.addEventListener('pageshow', function () { pageLeft = false; });
  var listening = false;
  var toldPagePosted = false;

  /*
   * Clears the application's sign-out mark (the E4J_WIDGET_LOGOUT cookie, core's WidgetLogoutCookie) once the widget
   * acted on it: a logout sent, or a fresh login seen. The server leaves it set until then, as a page left before its
   * widget loaded would otherwise lose the logout, and the next page's widget keep the previous user's phone.
   */
  function clearLogoutMark() {
    document.cookie = 'E4J_WIDGET_LOGOUT=; Path=/; Max-Age=0; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }

  /*
   * Whether the mark is still set: another tab's widget may have acted on it since this page was written (logged the
   * old login out, or seen the new user's fresh login), and a login this page's widget reports then is the new user's,
   * shared through the widget's storage.
   */
  function logoutMarked() {
    return /(?:^|;\s*)E4J_WIDGET_LOGOUT=1(?:;|$)/.test(document.cookie);
  }

  /*
   * The widget's own rule (its OAuth module): a login handoff in its frame's URL replaces the login the widget restores
   * only when that login was made with another externalAuthId; for the same one the widget keeps its login and reports
   * no fresh one. Every sign-in's externalAuthId is new (the user's, tagged with the sign-in), so that happens only to
   * a frame loaded again with the same handoff. For it the glue keeps, per widget prefix, what the widget keeps: the
   * externalAuthId of the handoff whose fresh login it saw, forgotten at a login made otherwise and at a logout it
   * posted; a page written with the sign-out mark and carrying that handoff ends the mark when the widget reports the
   * login restored, rather than waiting for a fresh one that never comes.
   */
  function handoffOf(frame) {
    try {
      var q = new URL(frame.getAttribute('src') || frame.src, document.baseURI).searchParams;
      var id = q.get('externalAuthId');
      return {
        prefix: q.get('prefix') || 'rc-widget',
        id: id && (q.get('authorizationCode') || q.get('jwt')) ? id : null
      };
    } catch (e) {
      return null;
    }
  }

  function keptLoginKey(prefix) {
    return 'embeddable4j.widget-login.' + prefix;
  }

  function keptLogin(prefix) {
    try {
      return window.localStorage.getItem(keptLoginKey(prefix));
    } catch (e) {
      return null; // storage off: nothing known, the mark waits for a fresh login as before
    }
  }

  function keepLogin(prefix, id) {
    try {
      if (id) {
        window.localStorage.setItem(keptLoginKey(prefix), id);
      } else {
        window.localStorage.removeItem(keptLoginKey(prefix));
      }
    } catch (e) {
      // storage off: see keptLogin
    }
  }

  /*
   * Follows a login status from a widget frame; true when it is a login the widget restored and keeps for the handoff
   * its frame carries (the same externalAuthId's). Only a host that waits for that login ends the mark on it: one set
   * since, by a sign-out in another tab, is not this page's to end.
   */
  function followLogin(frame, data) {
    if (data.type !== 'rc-login-status-notify' || data.loggedIn !== true) {
      return false;
    }
    var handoff = handoffOf(frame);
    if (!handoff) {
      return false;
    }
    if (data.isFreshLogin === true) {
      keepLogin(handoff.prefix, handoff.id); // a handoff's login, or (no handoff) one made otherwise: forgotten
      return false;
    }
    return !!handoff.id && keptLogin(handoff.prefix) === handoff.id;
  }

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

  // An HTML iframe element. Not tagName === 'IFRAME': a page served as application/xhtml+xml keeps names in lower case.
  function isIframe(element) {
    return !!element && element.localName === 'iframe' && element.namespaceURI === 'http://www.w3.org/1999/xhtml';
  }

  function frameOf(host) {
    if (host.frameId) {
      var byId = document.getElementById(host.frameId);
      return isIframe(byId) ? byId : null;
    }
    if (host.mode === 'inline') {
      return host.element ? host.element.querySelector('iframe') : null;
    }
    var frame = document.getElementById(host.prefix + '-adapter-frame');
    return isIframe(frame) ? frame : null;
  }

  function allowed(host, origin) {
    return origin !== null && host.origins.indexOf(origin) >= 0;
  }

  function reject(host, origin) {
    if (host.rejected[origin]) {
      return;
    }
    host.rejected[origin] = true;
    if (!/^https?:\/\//.test(origin)) {
      // An opaque origin ('null': a browser error page or a sandboxed document in the frame) is no origin anyone could
      // allow, so it is not a setting to fix, nor one to tell the server of (the endpoint takes http(s) origins only).
      console.warn('embeddable4j: a message from the RingCentral Embeddable frame was ignored: the frame shows '
        + (origin === 'null' ? 'a page without an origin of its own (null), such as a browser error page'
          : 'a page of ' + origin + ', not a web origin') + ', not the widget.');
      return;
    }
    console.error('embeddable4j: the RingCentral Embeddable frame runs on ' + origin + ', which is not one of the'
      + ' widget origins this page allows (' + host.origins.join(', ') + '). Its messages are ignored and no'
      + ' command is sent to it. If you trust that origin, add it to the frame origins'
      + ' (frameOrigins; Spring: ringcentral.embeddable.frame-origins, environment:'
      + ' RINGCENTRAL_EMBEDDABLE_FRAME_ORIGINS).');
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
    if (event.source === window && !toldPagePosted && /^rc-.*-(notify|request)$/.test(data.type)) {
      // A widget event (not a command to the loader, which takes those from the page too): ignored below, as it
      // must be; said once, for whoever tries a listener this way (a trial got no word)
      toldPagePosted = true;
      console.warn('embeddable4j: ' + data.type + ', posted by the page itself, does not reach your listeners: the'
          + ' widget\'s events come from its frame. To try a listener without a call, post it from the widget frame\'s'
          + ' console context.');
    }
    var followed = null; // once per message, though several hosts may share the floating frame
    var heard = null; // the login status this message is, as the page keeps it
    // Numbers the message: the Vaadin components that share the floating frame each get a copy, and the first copy
    // the server hears does the work they share (which component hears one is Vaadin's choice: hidden, not attached)
    var seq = ++messageSeq;
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
      if (followed === null) {
        followed = followLogin(frame, data);
        if (data.type === 'rc-login-status-notify') {
          heard = { window: event.source, origin: event.origin, data: data, uis: [] };
          heardStatuses = heardStatuses.filter(function (h) {
            return h.window !== event.source && !h.window.closed; // one per frame; a removed frame's window is closed
          });
          heardStatuses.push(heard);
        }
      }
      if (heard && host.ui && heard.uis.indexOf(host.ui) < 0) {
        heard.uis.push(host.ui);
      }
      host.onMessage(data, event.origin, event.source, followed, seq);
    });
  }

  /*
   * Each widget frame's last login status, as the page heard it: the widget says it only when it changes, and a Vaadin
   * component whose UI was not there to hear it (an exported web component on a page whose bridge started first) would
   * wait for it for ever, its commands with it (a trial: every call dropped after a minute). One per frame window (a
   * floating and an inline widget each have theirs: a review); uis: the UI elements it was handed to. A frame the real
   * loader makes keeps its document (the loader sets its src once, and the widget's app never reloads itself), so a
   * status is its window's until the frame is removed.
   */
  var heardStatuses = [];

  /*
   * Hands the last login status the page heard from this host's frame to the host's UI when that UI has not had it:
   * to every host of the UI on that frame, as one message (a live one reaches each of them so).
   */
  function replayStatus(id) {
    var host = hosts[id];
    var frame = host && host.ui && frameOf(host);
    var heard = frame && heardStatuses.filter(function (h) {
      return h.window === frame.contentWindow;
    })[0];
    if (!heard || heard.uis.indexOf(host.ui) >= 0 || !hears(host, frame, heard.origin)) {
      return;
    }
    heard.uis.push(host.ui);
    var told = toldByBridges(heard);
    var seq = ++messageSeq;
    Object.keys(hosts).forEach(function (other) {
      var h = hosts[other];
      var f = h.ui === host.ui && frameOf(h);
      if (f && f.contentWindow === heard.window && hears(h, f, heard.origin)) {
        h.onMessage(heard.data, heard.origin, heard.window, false, seq, { told: told,
          registered: heard.registered === true });
      }
    });
  }

  /*
   * The server took this login status from the page's bridge ('told'), or the widget got the registration of the
   * bridge's CRM service made at it ('registered'): a component handed the status later (replayStatus) does not do it
   * again (a trial: the status reached the server's listeners twice, once per channel, and the widget got two
   * registrations). Noted when done, not when asked: a batch refused (a 403, a sign-in page) told nobody (a review).
   */
  function noteHeard(data, kind) {
    heardStatuses.forEach(function (h) {
      if (h.data === data) {
        h[kind] = true;
      }
    });
  }

  /*
   * Whether the server has, or is being sent, the status a component is about to be handed: a bridge that still holds
   * it in its queue gives it up (the component tells the server instead); one sending it counts it told (should that
   * batch fail, the status is lost, as it would be without a component).
   */
  function toldByBridges(heard) {
    var told = heard.told === true;
    Object.keys(hosts).forEach(function (id) {
      var b = hosts[id];
      if (b.bridge && b.takeBack && !told) {
        told = b.takeBack(heard.data) === 'sending';
      }
    });
    return told;
  }

  /* Whether a host takes what its frame says from this origin: onMessage's checks. */
  function hears(host, frame, origin) {
    return allowed(host, origin) && origin === originOf(frame.getAttribute('src') || frame.src);
  }

  /*
   * Whether a Vaadin component hears this frame from this origin: the page's bridge then leaves its events and
   * call-outs to it (not to one that rejects the frame: nobody would tell the server, a review).
   */
  function componentHears(source, origin) {
    return Object.keys(hosts).some(function (id) {
      var host = hosts[id];
      var frame = host.ui && frameOf(host);
      return !!frame && frame.contentWindow === source && hears(host, frame, origin);
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


  /* ---- the servlet bridge: forwards the widget's events to the server ---------------------------------------- */

  var bridges = {};
  /*
   * The bytes of the page's keepalive requests in flight, every bridge's event batches and call-outs: Chromium's 64 KiB
   * quota is the page's, and two bridges each leaving with a 50 KB batch lost the second whole (a review).
   */
  var keepaliveInFlight = 0;
  var KEEPALIVE_ROOM = 63 * 1024; // the quota, less a batch's envelope (its tab and rejected origins)
  /* Headers the page adds to every bridge request (embeddable4j.setRequestHeader): a bearer token, say. */
  var extraHeaders = {};

  /* Whether an answer is JSON, as the bridge's always are (a sign-in page answered in its place is not). */
  function isJson(response) {
    return /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(response.headers.get('Content-Type') || '');
  }

  function randomKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var out = '';
    for (var i = 0; i < bytes.length; i++) {
      out += ('0' + bytes[i].toString(16)).slice(-2);
    }
    return out;
  }

  /*
   * config: endpoint (same-origin URL of the event endpoint), origins (allowed frame origins), prefix, frameId (for an
   * <iframe> embed; else the floating widget), events (types to forward), csrfHeader and csrfToken (optional),
   * service (same-origin URL of the third-party service endpoint, optional: registers the service after the widget's
   * first login-status message and relays its rc-post-message-request call-outs, posting the answers back).
   * Events are batched (at most 50, every half second), posted as JSON with the page's credentials, and paused as
   * the server asks when it answers 429. A frame on an origin that is not allowed is reported once.
   */
  /*
   * Answers after which a batch is sent again: 429 (too many, for now) and 503 (stopping for a restart) from the
   * bridge; 404 from a container whose application is being redeployed (WildFly, Tomcat and Jetty answer for a context
   * that is gone); 502 and 504 from a proxy in front of a server that is restarting.
   */
  /*
   * A call-out's reply, from either transport (the bridge's POST, a Vaadin component's answersArrived): its
   * messages posted to the widget, and the page its provider returned opened (the widget itself ignores it).
   */
  function deliver(id, answer) {
    (answer.messages || []).forEach(function (message) {
      api.post(id, JSON.stringify(message));
    });
    if (typeof answer.openUrl === 'string' && /^(https?:\/\/|\/(?!\/))/.test(answer.openUrl)) {
      window.open(answer.openUrl, '_blank', 'noopener');
    }
  }

  var RETRIED = { 404: true, 429: true, 502: true, 503: true, 504: true };
  /*
   * What a bare 403 most often is: the application's CSRF check refusing the token this page was served with, once the
   * session it came from ended (a sign-out, a sign-in, in any tab). Signing in again does not mend this page, which
   * keeps the old token: reloading it does (a trial signed in again and stayed refused).
   */
  var STALE_TOKEN = '; a bare 403 is the application\'s CSRF check: this page\'s token is from a session that has'
    + ' ended (a sign-out or sign-in since it loaded), so reload the page';
  /* The JSON of a batch's events, at most: room under the event endpoint's default 64 KiB for the rest of the body. */
  var BATCH_BYTES = 60 * 1024;

  /* The bytes of text in UTF-8 (what the endpoint's body limit counts), without TextEncoder's copy. */
  function utf8Length(text) {
    var bytes = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xD800 && c <= 0xDBFF ? 2 : c >= 0xDC00 && c <= 0xDFFF ? 2 : 3;
    }
    return bytes;
  }

  /*
   * A call-out the server is to answer with an error at once, no provider run, instead of the widget waiting out its
   * timeout: its id, path and whether the user asked (the body's triggerType), with why: {tooLarge: true} (refused as
   * too large) or {unanswered: 502} (a proxy's 502 or 504 for one that acts, which is not sent again).
   */
  function calloutNotice(callout, why, value) {
    var trigger = callout.body && typeof callout.body.triggerType === 'string' ? callout.body.triggerType : null;
    var notice = { type: callout.type, requestId: callout.requestId, path: callout.path,
      body: trigger === null ? null : { triggerType: trigger } };
    notice[why] = value;
    return notice;
  }

  /* The wait a response's Retry-After asks for, in ms (seconds or an HTTP date), else -1. */
  function retryAfter(response) {
    var value = response.headers.get('Retry-After') || '';
    if (/^\s*\d+\s*$/.test(value)) {
      return parseInt(value, 10) * 1000;
    }
    var at = value ? Date.parse(value) : NaN;
    return isNaN(at) ? -1 : Math.max(0, at - Date.now());
  }

  /*
   * Spring Security gives a page its CSRF token masked (a new random pad per page, against BREACH) and unmasks a token
   * sent in a header, except in its single-page set-up (Spring Security 7's csrf.spa(), the SpaCsrfTokenRequestHandler
   * of its docs before that), which compares a header with the raw token, kept in a cookie the page's scripts read.
   * The raw token, when the masked one unmasks to the value of one of the page's cookies; else null.
   */
  function rawCsrfToken(masked) {
    var bytes;
    try {
      bytes = window.atob(String(masked).replace(/-/g, '+').replace(/_/g, '/'));
    } catch (e) {
      return null; // not base64: not a masked token
    }
    if (bytes.length < 2 || bytes.length % 2 !== 0) {
      return null;
    }
    var half = bytes.length / 2;
    var raw = '';
    for (var i = 0; i < half; i++) {
      raw += String.fromCharCode(bytes.charCodeAt(i) ^ bytes.charCodeAt(half + i));
    }
    var found = document.cookie.split(';').some(function (cookie) {
      var value = cookie.slice(cookie.indexOf('=') + 1).trim();
      try {
        value = decodeURIComponent(value);
      } catch (e) { /* compared as it is */ }
      return value === raw;
    });
    return found ? raw : null;
  }

  function startBridge(config) {
    if (!config || !config.endpoint) {
      return;
    }
    if (bridges[config.endpoint]) {
      bridges[config.endpoint].update(config);
      return;
    }
    // batchLimit: the events a batch may hold, halved when the server refuses a batch as too large (its limits set
    // lower than the defaults this page batches for)
    var bridge = { tab: randomKey(), queue: [], sending: [], rejected: [], timer: null, pausedUntil: 0, failures: 0, inFlight: false, wanted: {},
      csrf: null, batchLimit: 50 };
    bridges[config.endpoint] = bridge;
    (config.events || []).forEach(function (t) {
      bridge.wanted[t] = true;
    });

    /* kind: which CSRF token to send, 'masked' (the page's) or 'raw' (see rawCsrfToken). */
    function headers(kind) {
      var h = {};
      Object.keys(extraHeaders).forEach(function (name) {
        h[name] = extraHeaders[name];
      });
      h['Content-Type'] = 'application/json';
      if (config.csrfHeader && config.csrfToken) {
        h[config.csrfHeader] = (kind === 'raw' && rawCsrfToken(config.csrfToken)) || config.csrfToken;
      }
      return h;
    }

    /*
     * The kind of CSRF token a request goes with: the one asked for ('raw' only while the page has it), else the one
     * the server was seen to take, else the masked one.
     */
    function csrfKind(asked) {
      var kind = asked || bridge.csrf || 'masked';
      return kind === 'raw' && !rawCsrfToken(config.csrfToken) ? 'masked' : kind;
    }

    /*
     * After an answer to a request sent with the given kind of CSRF token: the kind to send it again with, or null.
     * A 2xx shows which token the server takes (bridge.csrf), sent from then on; nothing else does (a 401 or 4xx may
     * come from a rule before the CSRF check, or from the error page of its 403). A 403 is sent again with the kind
     * the server takes when that is known and was not this request's (a request in flight while another learnt it), else,
     * while it is unknown, with the raw token when the masked one was refused and there is one (see rawCsrfToken). A 403
     * to both tokens is another rule's refusal (an access rule on the CRM endpoint, say) and changes nothing.
     */
    function csrfAgain(response, kind) {
      if (!config.csrfHeader || !config.csrfToken || response.type === 'opaqueredirect') {
        return null;
      }
      if (response.ok) {
        bridge.csrf = bridge.csrf || kind;
        return null;
      }
      if (response.status !== 403) {
        return null;
      }
      if (bridge.csrf) {
        return csrfKind(bridge.csrf) !== kind ? bridge.csrf : null; // (never again with what was just refused)
      }
      return kind === 'masked' && rawCsrfToken(config.csrfToken) !== null ? 'raw' : null;
    }

    /*
     * The third-party service: the server answers with messages for the widget (and maybe a page to open). A request
     * refused for now (429 over the rate limit, 503 while the server restarts) is sent again when the server says
     * (else after 1, 2, 4... s): a call-out while an answer can still beat the widget's timeout for it (3 s to 60 s by
     * path, see budget; unanswered, the widget waits that timeout out), the registration for about a minute, as events
     * are. After a proxy's 502 or 504 (a node stopping behind it) or a failed connection (a restart, or a reset after
     * the server did the work) only the registration and the call-outs its reply lists as reading only ("resend") are:
     * the server may have logged a call a 504 or a reset answered for, so for one that acts the server is asked to tell
     * the widget at once ("unanswered", 0 for a connection). Any other refusal is said in the console; a registration
     * given up is made again at the widget's next login status.
     */
    function serve(body, started, tries, asked) {
      var since = started || Date.now();
      var attempt = tries || 0;
      var kind = csrfKind(asked);
      var what = body.register ? 'the CRM\'s registration with the widget'
        : 'a call-out' + (body.path ? ' (' + body.path + ')' : '');
      function giveUp(said, mayBeDone) { // mayBeDone: the server may have acted on it, so not "refused"
        if (body.register) {
          registeredFor = null;
          console.warn('embeddable4j: the CRM endpoint ' + said + '; the widget shows no CRM until it next reports its'
            + ' login');
        } else {
          console.warn('embeddable4j: the CRM endpoint ' + said + (!mayBeDone && tellRefused(body)
            ? '; the widget is told it failed' : '; the widget times it out'));
        }
      }
      function again(waitMs, status) {
        if (Date.now() - since + waitMs < budget(body)) {
          setTimeout(function () {
            serve(body, since, attempt + 1);
          }, waitMs);
        } else {
          giveUp(status === 'unreachable' ? 'could not be reached for ' + what : 'answered ' + status + ' to ' + what);
        }
      }
      var backoff = Math.min(30000, 1000 * Math.pow(2, attempt));
      var sent = body;
      if (attempt > 0 && body.requestId) { // a call-out sent again says how long ago the widget asked
        sent = {};
        Object.keys(body).forEach(function (key) {
          sent[key] = body[key];
        });
        sent.waited = Math.max(0, Date.now() - since); // a clock set back must not make a good retry a 400
      }
      // keepalive, as event batches are: a call log saved just before the page is left still reaches the server (a
      // review: the batch with the call's end arrived, the log did not). Within the page's quota, which the batches
      // share; beyond it, an ordinary request.
      var json = JSON.stringify(sent);
      var bytes = utf8Length(json);
      var keep = keepaliveInFlight + bytes <= KEEPALIVE_ROOM;
      keepaliveInFlight += keep ? bytes : 0;
      function release() {
        keepaliveInFlight -= keep ? bytes : 0;
        keep = false;
      }
      window.fetch(config.service, {
        method: 'POST', credentials: 'same-origin', headers: headers(kind), body: json, keepalive: keep, redirect: 'manual'
      }).then(function (response) {
        release();
        if (!response.ok) {
          response.arrayBuffer().then(null, function () { /* read: Chromium frees a keepalive body's share then */ });
        }
        var otherToken = csrfAgain(response, kind);
        if (otherToken) {
          serve(body, since, attempt, otherToken);
          return null;
        }
        if (response.type === 'opaqueredirect') {
          giveUp('redirected ' + what + ' (to a sign-in page, when the session has ended)');
          return null;
        }
        if (response.ok && !isJson(response)) {
          giveUp('answered with a page, not the bridge\'s JSON, to ' + what + ' (a sign-in page, when the session has'
            + ' ended; with the container\'s FORM login, keep the bridge\'s paths out of the security constraint)');
          return null;
        }
        if (!response.ok) {
          if (response.status === 429 || response.status === 503) {
            var wait = retryAfter(response);
            again(wait >= 0 ? Math.max(1000, wait) : backoff, response.status);
          } else if ((response.status === 502 || response.status === 504)
              && (body.register || (!body.tooLarge && body.unanswered === undefined && resent[body.path] === true))) {
            again(backoff, response.status);
          } else if ((response.status === 502 || response.status === 504) && !body.register && !body.tooLarge
              && body.unanswered === undefined && Date.now() - since < budget(body)) {
            console.warn('embeddable4j: the CRM endpoint answered ' + response.status + ' to ' + what + '; it is not'
              + ' sent again (it may have been done all the same), the widget is told');
            serve(calloutNotice(body, 'unanswered', response.status), since, attempt);
          } else if (response.status === 413 && !body.register && !body.tooLarge) {
            serve(calloutNotice(body, 'tooLarge', true), since, attempt); // answered at once, not left to time out
          } else {
            giveUp('answered ' + response.status + ' to ' + what + (response.status === 403 ? STALE_TOKEN : ''),
              response.status >= 500 && !body.register && resent[body.path] !== true); // a 5xx may come after it acted
          }
          return null;
        }
        return response.json();
      }, function () {
        release();
        if (pageLeft) {
          return null; // gone with the page: the widget too, and a keepalive request goes on without the page
        }
        if (body.register || body.tooLarge || body.unanswered !== undefined || resent[body.path] === true) {
          again(backoff, 'unreachable'); // the server restarting, a network blip
        } else if (Date.now() - since < budget(body)) {
          // the connection may have failed after the server logged a call: sent again, the CRM would have it twice
          console.warn('embeddable4j: the connection to the CRM endpoint failed for ' + what + '; it is not sent again'
            + ' (it may have been done all the same), the widget is told');
          serve(calloutNotice(body, 'unanswered', 0), since, attempt);
        } else {
          giveUp('could not be reached for ' + what, true); // one that acts: the server may have done it
        }
        return null;
      }).then(function (answer) {
        if (!answer) {
          return;
        }
        if (body.register && Array.isArray(answer.resend)) {
          resent = Object.create(null);
          answer.resend.forEach(function (path) {
            resent[path] = true;
          });
        }
        if (body.register) {
          widgetTimeouts = numbers(answer.timeouts);
          refusals = answer.refused && typeof answer.refused === 'object' ? answer.refused : Object.create(null);
        }
        deliver(hostId, answer);
        if (body.register && registeringAt) {
          noteHeard(registeringAt, 'registered'); // the widget has the registration now
        }
      }, function () { // JSON in name only (mangled on its way?): the server may have done it
        giveUp('answered with JSON it could not read to ' + what, !body.register && resent[body.path] !== true);
      });
    }

    /* One batch in flight at a time, so a batch tried again keeps its place before later events. */
    function post(body, asked) {
      var kind = csrfKind(asked);
      bridge.inFlight = true;
      bridge.sending.push(body.events);
      function sent() {
        bridge.sending = bridge.sending.filter(function (events) { return events !== body.events; });
      }
      // A redirect is never an answer of the endpoint's: followed, it would take a sign-in page's 200 for "taken".
      // keepalive, so that a batch in flight when the page is left still arrives. Chromium holds a keepalive
      // request's body against one 64 KiB quota for the page until its answer is read: the answer is read (else the
      // batch after a 60 KiB one failed to send), and the page's last batch takes only what the one in flight left.
      var json = JSON.stringify(body);
      // this request's own count: the batch sent as the page is left may go while another is in flight (a review: a
      // shared field, overwritten by the second, left the first's bytes counted for the page's life, which a page
      // restored from the back/forward cache then lacked when next left)
      var bytes = utf8Length(json);
      keepaliveInFlight += bytes;
      return window.fetch(config.endpoint, {
        method: 'POST', credentials: 'same-origin', headers: headers(kind), body: json, keepalive: true,
        redirect: 'manual'
      }).then(function (response) {
        bridge.inFlight = false;
        keepaliveInFlight -= bytes;
        sent();
        if (response.ok && isJson(response)) {
          body.events.forEach(function (e) {
            noteHeard(e, 'told');
          });
        }
        if (response.status !== 429) { // a 429's answer is read below
          response.arrayBuffer().then(null, function () { /* the quota is freed either way */ });
        }
        var otherToken = csrfAgain(response, kind);
        if (otherToken) {
          post(body, otherToken);
          return;
        }
        if (response.type === 'opaqueredirect') {
          console.warn('embeddable4j: the event endpoint redirected ' + body.events.length + ' events (to a sign-in'
            + ' page, when the session has ended); they are dropped');
          bridge.failures = 0;
          if (bridge.queue.length > 0 || bridge.rejected.length > 0) {
            schedule();
          }
          return;
        }
        if (response.ok && !isJson(response)) {
          // A container's FORM login keeps a POST made after the session ended and answers its sign-in page, 200: no
          // answer of the bridge's (Tomcat sends the kept POST again after the next sign-in, under that user)
          console.warn('embeddable4j: the event endpoint answered with a page, not the bridge\'s JSON, to '
            + body.events.length + ' events (a sign-in page, when the session has ended); they are dropped. With the'
            + ' container\'s FORM login, keep the bridge\'s paths out of the security constraint');
          bridge.failures = 0;
          if (bridge.queue.length > 0 || bridge.rejected.length > 0) {
            schedule();
          }
          return;
        }
        if (response.status === 429) {
          // A busy server took the batch's first events ("taken") and not the rest: only the rest are sent again, so
          // no listener gets an event twice. A 429 without it (the rate limit) took none. Still in flight while its
          // answer is read, so no later batch goes ahead of the rest.
          var wait = retryAfter(response);
          bridge.inFlight = true;
          return response.json().then(function (answer) {
            return answer && typeof answer.taken === 'number' ? answer.taken : 0;
          }, function () { return 0; }).then(function (taken) {
            bridge.inFlight = false;
            var rest = body.events.slice(Math.max(0, Math.min(taken, body.events.length)));
            body.events.slice(0, body.events.length - rest.length).forEach(function (e) {
              noteHeard(e, 'told');
            });
            if (taken > 0) {
              bridge.failures = 0; // progress: the minute of trying starts again
            }
            if (rest.length > 0) {
              // the origins with the rest when the server took none of the batch
              retryLater({ events: rest, rejectedOrigins: taken > 0 ? [] : body.rejectedOrigins }, wait, 429);
            } else if (bridge.queue.length > 0 || bridge.rejected.length > 0) {
              schedule();
            }
          });
        }
        if (response.status === 413 && body.events.length > 1) {
          // larger than the server takes (its limits set lower than this page's batches, or one event too large):
          // sent again in halves (the limit grows back as batches are taken; an event too large alone is dropped below)
          bridge.batchLimit = Math.max(1, Math.floor(body.events.length / 2));
          bridge.queue = body.events.concat(bridge.queue);
          bridge.rejected = (body.rejectedOrigins || []).concat(bridge.rejected);
          schedule();
          return;
        }
        if (RETRIED[response.status]) {
          retryLater(body, retryAfter(response), response.status); // the server may say when
          return;
        }
        bridge.failures = 0;
        if (response.ok || (response.status === 413 && body.events.length === 1)) {
          // taken, or the one event too large alone found (dropped): a limit halved for the batches before grows back
          bridge.batchLimit = response.ok ? Math.min(50, bridge.batchLimit * 2) : 50;
        }
        if (response.status === 403) {
          console.warn('embeddable4j: the event endpoint answered 403 to ' + body.events.length + ' events; they are'
            + ' dropped (its JSON error says why when the bridge refused them)' + STALE_TOKEN);
        } else if (response.status >= 400) {
          console.warn('embeddable4j: the event endpoint answered ' + response.status);
        }
        if (bridge.queue.length > 0 || bridge.rejected.length > 0) {
          schedule();
        }
      }, function () {
        bridge.inFlight = false;
        keepaliveInFlight -= bytes;
        sent();
        retryLater(body, -1, 'unreachable'); // the server restarting, a network blip
      });
    }

    /*
     * Puts a batch that did not arrive back in front of the queue and pauses the bridge: as the server asked, else 1 s,
     * doubling up to 30 s. After six failures in a row the batch is dropped (about a minute of trying), so a server
     * that stays away costs a tab little. (A page being left takes its waiting events with it.)
     */
    function retryLater(body, wait, why) {
      bridge.failures++;
      if (bridge.failures > 6) {
        bridge.failures = 0;
        console.warn('embeddable4j: the event endpoint did not take ' + body.events.length + ' events in about a minute ('
            + why + '); they are dropped');
      } else {
        var back = body.events.concat(bridge.queue);
        if (back.length > 500) {
          dropped('queueFull', '500 events were waiting for the event endpoint, so the oldest are dropped (said once)');
        }
        bridge.queue = back.slice(-500);
        // and the frame origins it reported, each said once per page (a review: a 503 lost the report for good)
        bridge.rejected = (body.rejectedOrigins || []).concat(bridge.rejected);
      }
      var backoff = Math.min(30000, 1000 * Math.pow(2, Math.max(0, bridge.failures - 1)));
      bridge.pausedUntil = Date.now() + (wait >= 0 ? wait : backoff);
      schedule();
    }

    /* Sends the next batch; leaving the page (leaving true) sends it whatever is waiting, as there is no later. */
    function flush(leaving) {
      bridge.timer = null;
      var now = Date.now();
      if (leaving !== true && (bridge.inFlight || now < bridge.pausedUntil)) {
        if (!bridge.inFlight) {
          bridge.timer = setTimeout(flush, bridge.pausedUntil - now);
        } // else the batch in flight schedules the next when it is answered
        return;
      }
      if (bridge.queue.length === 0 && bridge.rejected.length === 0) {
        return;
      }
      // what the page's keepalive requests in flight (this bridge's batch as it is left, another's, call-outs) leave of
      // the quota
      var room = Math.min(BATCH_BYTES, KEEPALIVE_ROOM - keepaliveInFlight);
      post({ tab: bridge.tab, events: bridge.queue.splice(0, batchSize(room)), rejectedOrigins: bridge.rejected.splice(0, 5) });
    }

    /*
     * How many of the waiting events go in the next batch: at most batchLimit, and at most BATCH_BYTES of JSON in
     * UTF-8, under the endpoint's 64 KiB body by default (50 SMS updates in a language of 3-byte letters were 70 KB: a
     * 413, and the batch was dropped). Always one, which the endpoint takes alone (each event is under its 32 KiB).
     */
    function batchSize(room) {
      var count = 0;
      var bytes = 0;
      while (count < bridge.queue.length && count < bridge.batchLimit) {
        bytes += utf8Length(JSON.stringify(bridge.queue[count])) + 1;
        if (count > 0 && bytes > room) {
          break;
        }
        count++;
      }
      return Math.max(1, count);
    }

    function schedule() {
      if (!bridge.timer) {
        bridge.timer = setTimeout(flush, 500);
      }
    }

    var hostId = 'bridge:' + config.endpoint;
    var registeredFor = null;
    var registeringAt = null; // the login status the last registration was made at
    /* The paths of the call-outs sent again after a 502 or 504, from the registration's reply (reads only). */
    var resent = Object.create(null);
    /* The widget's own timeout for each call-out path, from the registration's reply. */
    var widgetTimeouts = Object.create(null);
    /* Per call-out path, the error answer told the widget when the application refuses a call-out (ditto). */
    var refusals = Object.create(null);

    /*
     * Tells the widget at once that the application refused a call-out before the bridge saw it (a 403 once the
     * session ended, a sign-in page): its error answer, and an alert when the user asked. Left unanswered, the widget
     * waited out its timeout (15 s for a call log) and showed nothing of why (a review). Not for a word that a call-out
     * may have been done (unanswered): "refused" would say it was not.
     */
    function tellRefused(body) {
      var refusal = Object.prototype.hasOwnProperty.call(refusals, body.path) ? refusals[body.path] : null;
      if (!refusal || typeof refusal !== 'object' || typeof body.requestId !== 'string' || body.unanswered !== undefined) {
        return false;
      }
      var trigger = body.body && typeof body.body.triggerType === 'string' ? body.body.triggerType : null;
      var messages = [{ type: 'rc-post-message-response', responseId: body.requestId, response: refusal.response }];
      if (refusal.asked === true || (Array.isArray(refusal.asked) && refusal.asked.indexOf(trigger) >= 0)) {
        messages.push(refusal.alert);
      }
      deliver(hostId, { messages: messages });
      return true;
    }

    function numbers(object) {
      var out = Object.create(null);
      if (object && typeof object === 'object') {
        Object.keys(object).forEach(function (key) {
          if (typeof object[key] === 'number') {
            out[key] = object[key];
          }
        });
      }
      return out;
    }

    /*
     * Until when (ms since the widget asked) a call-out may be tried: until a little before the widget gives up on it
     * (3 s for the Do Not Contact check, 15 s for a log, 30 s for a match), at most 25 s; a registration a minute. A
     * call-out sent again says how long ago the widget asked ("waited"), and the server gives its provider only what
     * is left of its deadline, so a call log is not made after the widget reported it as failed.
     */
    function budget(body) {
      if (body.register) {
        return 60000;
      }
      var timeout = widgetTimeouts[body.path];
      return typeof timeout === 'number' ? Math.min(25000, timeout - 500) : 25000; // no word: an older server
    }
    var toldDropped = {};
    /* Says once per kind, in the console, that the page's script dropped events rather than send them. */
    function dropped(kind, what) {
      if (!toldDropped[kind]) {
        toldDropped[kind] = true;
        console.warn('embeddable4j: ' + what);
      }
    }
    var loggedInFrame = null; // the frame window whose app last reported a login

    /*
     * The tag of a later page in the same window (Turbo Drive, htmx boost keep the window, the widget and this bridge):
     * it carries the current CSRF token (another user may have signed in) and perhaps the application's sign-out mark,
     * which logs the widget out now when its app has reported a login, or else at its next login report: a frame
     * whose app is still loading would not hear it, and the mark would go with the logout lost.
     */
    bridge.update = function (later) {
      config.csrfHeader = later.csrfHeader;
      config.csrfToken = later.csrfToken;
      (later.events || []).forEach(function (t) {
        bridge.wanted[t] = true;
      });
      if (later.logout && logoutMarked()) {
        var t = target(hosts[hostId]);
        if (t && t.window === loggedInFrame && api.post(hostId, JSON.stringify({ type: 'rc-adapter-logout' }))) {
          clearLogoutMark();
        } else {
          config.logout = true;
        }
      }
    };
    api.attach(hostId, {
      mode: config.frameId ? 'inline' : 'floating', frameId: config.frameId || null, prefix: config.prefix,
      origins: config.origins || [], bridge: true,
      /* A message a component takes over (toldByBridges): out of the queue if still there; 'sending' if in flight. */
      takeBack: function (data) {
        var at = bridge.queue.indexOf(data);
        if (at >= 0) {
          bridge.queue.splice(at, 1);
          return 'taken';
        }
        return bridge.sending.some(function (events) { return events.indexOf(data) >= 0; }) ? 'sending' : null;
      },
      onMessage: function (data, origin, source, keptForHandoff) {
        if (data.type === 'rc-login-status-notify') {
          loggedInFrame = data.loggedIn === true ? source : null;
        }
        if (config.markAtLogin && keptForHandoff) {
          // The widget keeps the login it made with this very handoff (a frame loaded again): no fresh one comes.
          config.markAtLogin = false;
          clearLogoutMark();
        }
        if (config.markAtLogin && data.type === 'rc-login-status-notify' && data.loggedIn === true
            && data.isFreshLogin === true) {
          // This page carries the next user's login, which the widget reports once it has used the code: the mark
          // ends. Not before: left earlier, the next page logs out whatever login its widget restores.
          config.markAtLogin = false;
          clearLogoutMark();
        }
        if (config.logout && data.type === 'rc-login-status-notify' && data.loggedIn === true) {
          // The application's user signed out: so does the widget's, once. The login to log out is one the widget
          // restored at load (isFreshLogin false; it may report loggedIn false first, while it reads its stored
          // session). A fresh login is the new user's own, just made in the widget's login popup: it stays.
          config.logout = false;
          if (data.isFreshLogin !== true && logoutMarked()) {
            api.post(hostId, JSON.stringify({ type: 'rc-adapter-logout' }));
          }
          clearLogoutMark();
        }
        if (componentHears(source, origin)) {
          // A Vaadin component on this page hears the same frame and tells the same server (an exported web component
          // on a page the filter gave the widget): told twice, every call was logged twice in a trial's CRM.
          return;
        }
        if (config.service) {
          if (data.type === 'rc-login-status-notify' && registeredFor !== source) {
            registeredFor = source; // once per widget frame: a re-created frame registers again
            registeringAt = data;
            serve({ register: true });
          } else if (data.type === 'rc-post-message-request') {
            serve({ requestId: data.requestId, path: data.path, body: data.body });
          }
        }
        if (!bridge.wanted[data.type]) {
          return;
        }
        var json;
        try {
          json = JSON.stringify(data);
        } catch (e) {
          return;
        }
        if (json.length > 32768) {
          // the endpoint refuses such an event; no widget event is that large. Said once (a trial's went silently)
          dropped('tooLarge', 'a ' + data.type + ' of ' + json.length + ' characters was not sent to the server: events'
              + ' over 32768 characters are refused there');
          return;
        }
        bridge.queue.push(data);
        if (bridge.queue.length > 500) {
          bridge.queue.shift(); // the server is not keeping up: drop the oldest rather than grow without bound
          dropped('queueFull', '500 events were waiting for the event endpoint, so the oldest are dropped (said once)');
        }
        schedule();
      },
      onReject: function (origin) {
        bridge.rejected.push(origin);
        schedule();
      }
    });
    window.addEventListener('pagehide', function () { flush(true); });
  }

  /* Starts the bridge a <script data-endpoint=...> element describes, when it does. */
  function startFromScript(element) {
    var d = element && element.dataset;
    if (!d || !d.endpoint) {
      return;
    }
    try {
      startBridge({
        endpoint: d.endpoint, prefix: d.prefix, frameId: d.frameId,
        origins: JSON.parse(d.origins || '[]'), events: (d.events || '').split(',').filter(Boolean),
        csrfHeader: d.csrfHeader, csrfToken: d.csrfToken, service: d.service, logout: d.logout === '1',
        markAtLogin: d.logout === 'login'
      });
    } catch (e) {
      console.error('embeddable4j: the bridge script has a malformed configuration', e);
    }
  }

  var api = {
    __mark: MARK,
    startBridge: startBridge,
    startFromScript: startFromScript,
    clearLogoutMark: clearLogoutMark, // for the Vaadin component, which sends the sign-out's logout itself

    /*
     * The Vaadin component's sign-out logout: posted only while the mark is still set (or was set by the very request
     * the component took it in, whose cookie a websocket push message could not carry), then the mark is cleared. The
     * server judges by the cookies of the request it took the mark in; a websocket push message carries its
     * handshake's, which still show a mark this page has since acted on. True when posted.
     */
    signOutLogout: function (id, json, markedHere) {
      if (!markedHere && !logoutMarked()) {
        return false;
      }
      if (!api.post(id, json)) {
        return false;
      }
      clearLogoutMark();
      return true;
    },

    /*
     * Public: a header sent with every later request of the page's bridge (events and CRM call-outs), for applications
     * that identify users by a token rather than a cookie: embeddable4j.setRequestHeader('Authorization', 'Bearer ' + t).
     * A null or undefined value removes it. Content-Type is the bridge's own; the requests stay same-origin. A value
     * fetch would refuse (line breaks, other control characters) is refused here, not at every later post.
     */
    setRequestHeader: function (name, value) {
      if (typeof name !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || /^content-type$/i.test(name)) {
        throw new TypeError('embeddable4j.setRequestHeader: not a header name the bridge may set: ' + name);
      }
      if (value === null || value === undefined) {
        delete extraHeaders[name];
        return;
      }
      var text = String(value);
      if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text) || /[^\u0000-\u00ff]/.test(text)) {
        throw new TypeError('embeddable4j.setRequestHeader: ' + name + ' has a value no header may carry');
      }
      extraHeaders[name] = text;
    },

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
        frameId: options.frameId || null,
        prefix: options.prefix || 'rc-widget',
        origins: (options.origins || []).slice(),
        onMessage: options.onMessage || function () {},
        onReject: options.onReject || null,
        ui: options.ui || null,
        bridge: options.bridge === true,
        takeBack: options.bridge === true && options.takeBack || null,
        fetching: 0,
        rejected: {}
      };
      listen();
    },

    /*
     * A host that is a DOM element (a Vaadin component): its widget's messages and frame rejections become
     * 'embeddable4j-message' and 'embeddable4j-frame-rejected' events naming the host, dispatched on the UI's element
     * (given as ui), not the host's: Vaadin drops every event of an element it hid (its own or an ancestor's
     * setVisible(false), wherever the element sits in the page: a dialog's overlay, a shadow root), and a hidden phone's
     * widget runs on.
     */
    attachElement: function (element, id, mode, origins, prefix, maxChars, ui) {
      var target = ui || element;
      var tell = function (name, detail) {
        detail.host = id;
        target.dispatchEvent(new CustomEvent(name, { detail: detail })); // Vaadin listens on the UI's element itself
      };
      var bridged = Object.keys(hosts).some(function (other) {
        return hosts[other].bridge && hosts[other].mode === 'floating';
      });
      api.attach(id, {
        mode: mode, element: element, prefix: prefix, origins: origins, ui: target,
        onMessage: function (data, origin, source, keptForHandoff, seq, replayed) {
          var json;
          try {
            json = JSON.stringify(data);
          } catch (e) {
            return;
          }
          var tooLarge = maxChars > 0 && json.length > maxChars;
          if (tooLarge) { // a call-out the server answers "too-large"; any other message it drops, saying its type
            json = JSON.stringify(data.type === 'rc-post-message-request' ? calloutNotice(data, 'tooLarge', true) : { type: data.type });
          }
          tell('embeddable4j-message', { type: data.type, json: json, keptForHandoff: keptForHandoff === true, tooLarge: tooLarge, seq: seq,
            pageTold: !!replayed && replayed.told, pageRegistered: !!replayed && replayed.registered });
        },
        onReject: function (origin) {
          tell('embeddable4j-frame-rejected', { origin: origin });
        }
      });
      setTimeout(function () {
        replayStatus(id);
      }, 0);
      if (bridged) {
        // the page has the servlet filter's floating widget too: the server says so (asked only then, as a result of
        // every attach would cost every page a round trip: a review)
        target.dispatchEvent(new CustomEvent('embeddable4j-request', { detail: { host: id, kind: 'filtered-page' } }));
      }
    },

    detach: function (id) {
      if (hosts[id]) {
        clearTimeout(hosts[id].wake);
      }
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
     * initialised again. widget: the loader's URL without a login handoff (src by default), kept on the script: a
     * loader this glue put on the page for another widget (it stays after a dispose) is replaced, not started again
     * (a view of another widget showed the first one's); prefix: the floating frame's, for the dispose.
     */
    loadAdapter: function (src, nonce, widget, prefix) {
      var existing = adapterScript();
      var was = existing && existing.getAttribute('data-embeddable4j-loader');
      if (was && was !== (widget || src)) {
        api.reloadAdapter(prefix, src, nonce, widget);
        return true;
      }
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
      script.setAttribute('data-embeddable4j-loader', widget || src);
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

    /*
     * Loads the floating widget again from another loader URL (one carrying a one-time login): disposes the current
     * one, removes its loader script and loads the new one, which initialises itself from its own URL.
     */
    reloadAdapter: function (prefix, src, nonce, widget) {
      var current = adapterScript();
      if (current && current.getAttribute('src') === src) {
        return; // done already: a hidden phone's held reload, run after a phone that showed did it
      }
      api.disposeFloating(prefix);
      var old = adapterScript();
      while (old) {
        old.parentNode.removeChild(old);
        old = adapterScript();
      }
      window.RCAdapter = null;
      api.loadAdapter(src, nonce, widget);
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
      if (message.type === 'rc-adapter-logout') {
        var handoff = handoffOf(frameOf(host));
        if (handoff) {
          keepLogin(handoff.prefix, null); // logged out: whatever login it makes next is not the one it kept
        }
      }
      return true;
    },

    /*
     * Asks the server for a Vaadin component's CRM answers: an 'embeddable4j-request' event (kind 'answers') naming the
     * host on the UI's element, not a call of the component's $server, which Vaadin drops while the component is hidden
     * (a trial's call log, saved at once, was reported failed by the widget after 15 s in a collapsed panel). The server answers
     * with answersArrived, and is asked again every 200 ms while some are pending. One request at a time per host; one
     * left unanswered for 5 s (a lost round trip) no longer blocks the next.
     */
    fetchAnswers: function (id) {
      var host = hosts[id];
      if (!host || !host.ui || (host.fetching && Date.now() - host.fetching < 5000)) {
        return;
      }
      host.fetching = Date.now();
      host.ui.dispatchEvent(new CustomEvent('embeddable4j-request', { detail: { host: id, kind: 'answers' } }));
    },

    /* The server's answer to fetchAnswers: the replies completed since, and how many are still pending, as JSON text. */
    answersArrived: function (id, text) {
      var host = hosts[id];
      if (!host) {
        return;
      }
      host.fetching = 0;
      var answer = JSON.parse(text);
      if (!Array.isArray(answer.replies)) {
        // the component's half is of another embeddable4j version than this script (mixed jars): say so
        console.warn('embeddable4j: the Vaadin component answered the CRM in a shape this page does not read;'
          + ' embeddable-core and embeddable-vaadin must be the same version (use the embeddable4j BOM)');
      }
      (answer.replies || []).forEach(function (reply) {
        deliver(id, reply);
      });
      if (answer.pending > 0) {
        setTimeout(function () {
          api.fetchAnswers(id);
        }, 200);
      }
    },

    /*
     * Asks a Vaadin component to drop its commands that have waited too long, in ms: an 'embeddable4j-request' event
     * (kind 'expire') naming the host on the UI's element (a call of the component's $server is dropped while Vaadin
     * holds it hidden).
     * The browser keeps the timer, so the server needs no thread of its own and the drop comes back with or without
     * push. A later call replaces the timer.
     */
    wakeAfter: function (id, ms) {
      var host = hosts[id];
      if (!host) {
        return;
      }
      clearTimeout(host.wake);
      host.wake = setTimeout(function () {
        if (hosts[id] === host && host.ui) {
          host.ui.dispatchEvent(new CustomEvent('embeddable4j-request', { detail: { host: id, kind: 'expire' } }));
        }
      }, Math.max(0, ms));
    },

    /* The origin of the host's frame when it exists and is allowed, else null (for tests and diagnostics). */
    frameOrigin: function (id) {
      var host = hosts[id];
      var t = host ? target(host) : null;
      return t ? t.origin : null;
    }
  };

  Object.defineProperty(window, 'embeddable4j', { value: api, writable: false, configurable: false, enumerable: false });
  startFromScript(script);
})();
