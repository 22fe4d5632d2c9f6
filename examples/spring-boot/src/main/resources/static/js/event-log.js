// Refreshes the event table from /events.json every two seconds. Events come from users' browsers: they are
// written as text (textContent), never as markup.
(function () {
  function cell(row, text, className) {
    var td = document.createElement('td');
    if (className === 'json') {
      var code = document.createElement('code');
      code.className = 'json';
      code.textContent = text;
      td.appendChild(code);
    } else {
      td.textContent = text;
      if (className) { td.className = className; }
    }
    row.appendChild(td);
  }

  function refresh() {
    fetch('/events.json', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (events) {
        if (!events) { return; }
        var body = document.querySelector('#events tbody');
        var rows = document.createDocumentFragment();
        events.forEach(function (e) {
          var tr = document.createElement('tr');
          cell(tr, e.receivedAt);
          cell(tr, e.user);
          cell(tr, e.type, 'type');
          cell(tr, e.json, 'json');
          rows.appendChild(tr);
        });
        body.replaceChildren(rows);
      }, function () { /* offline or signed out: try again at the next tick */ });
  }

  setInterval(refresh, 2000);
})();
