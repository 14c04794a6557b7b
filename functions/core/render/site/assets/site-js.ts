/**
 * The site's only script, a progressive enhancement: without it every page still shows all of
 * its content (a front page cut at FRONT_PAGE_TABLE_ROWS says so and links the full lists). It
 * filters, searches and sorts the project table (state kept in the URL query, so a filtered view
 * can be shared and a reload restores it), builds the rows a cut table leaves out from
 * v1/projects.json when they are needed, carries the query across the language switch and
 * refreshes "last checked" from v1/status.json. It never builds markup from data: elements are
 * created one by one and text goes in through textContent only. Written without template
 * literals so it can live in a string.
 */
export const SITE_JS = String.raw`(function () {
  'use strict';
  var doc = document;
  var lang = doc.documentElement.lang || 'fi';
  var EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var FIELDS = ['q', 'programme', 'so', 'beneficiary', 'status', 'year', 'sort'];
  var NAME_CELL = 0;
  var BENEFICIARY_CELL = 1;
  var PROGRAMME_CELL = 3;

  /** The same formats as the server (format.ts): "22.11.2026" / "22 Nov 2026", plus " 04:00 UTC". */
  function formatTime(iso, kind) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
    if (!m) return iso;
    var day = Number(m[3]);
    var month = Number(m[2]);
    var date = lang === 'en' ? day + ' ' + EN_MONTHS[month - 1] + ' ' + m[1] : day + '.' + month + '.' + m[1];
    return kind === 'date' ? date : date + ' ' + m[4] + ':' + m[5] + ' UTC';
  }

  function groupDigits(digits, separator) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  /** The same formats as the server (format.ts): "1 234,50 €" / "€1,234.50"; "5.3.2024" / "5 Mar 2024". */
  function formatEuros(euros) {
    var cents = Math.round(euros * 100);
    var sign = cents < 0 ? '-' : '';
    var abs = Math.abs(cents);
    var whole = groupDigits(String(Math.trunc(abs / 100)), lang === 'en' ? ',' : '\u00a0');
    var fraction = String(abs % 100).padStart(2, '0');
    return lang === 'en' ? sign + '€' + whole + '.' + fraction : sign + whole + ',' + fraction + '\u00a0€';
  }

  function formatDay(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    if (!m) return iso;
    var day = Number(m[3]);
    var month = Number(m[2]);
    return lang === 'en' ? day + ' ' + EN_MONTHS[month - 1] + ' ' + m[1] : day + '.' + month + '.' + m[1];
  }

  function cell(tag, className, text) {
    var el = doc.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /** One row of the project table, as front-page.ts writes it. */
  function buildRow(p, table) {
    var tr = doc.createElement('tr');
    var code = p.specificObjective && p.specificObjective.code ? p.specificObjective.code : null;
    tr.setAttribute('data-id', String(p.id));
    tr.setAttribute('data-so', code || 'none');
    tr.setAttribute('data-beneficiary', String(p.beneficiary && p.beneficiary.id));
    tr.setAttribute('data-status', String(p.status));
    tr.setAttribute('data-year', p.startDate ? String(p.startDate).slice(0, 4) : 'none');
    tr.setAttribute('data-eu', typeof p.euFundingEur === 'number' ? String(Math.round(p.euFundingEur * 100)) : '');
    tr.setAttribute('data-start', p.startDate || '');
    if (p.acronym) tr.setAttribute('data-acronym', String(p.acronym));
    var th = cell('th');
    th.setAttribute('scope', 'row');
    var link = cell('a', '', String(p.name));
    link.setAttribute('href', (table.getAttribute('data-project-href') || '').replace('{id}', encodeURIComponent(String(p.id))));
    th.appendChild(link);
    if (p.acronym && String(p.name).indexOf(p.acronym) === -1) {
      th.appendChild(doc.createTextNode(' '));
      th.appendChild(cell('span', 'acronym', '(' + p.acronym + ')'));
    }
    tr.appendChild(th);
    var td = cell('td');
    var org = cell('a', '', String(p.beneficiary && p.beneficiary.name));
    org.setAttribute('href', (table.getAttribute('data-org-href') || '').replace('{id}', encodeURIComponent(String(p.beneficiary && p.beneficiary.id))));
    td.appendChild(org);
    tr.appendChild(td);
    tr.appendChild(cell('td', '', code || '–'));
    tr.appendChild(cell('td', 'nowrap', String(p.programme)));
    tr.appendChild(cell('td', 'num', typeof p.euFundingEur === 'number' ? formatEuros(p.euFundingEur) : '–'));
    tr.appendChild(cell('td', 'date', p.startDate ? formatDay(p.startDate) : '–'));
    tr.appendChild(cell('td', 'date', p.endDate ? formatDay(p.endDate) : '–'));
    var labels = {};
    try {
      labels = JSON.parse(table.getAttribute('data-status-labels') || '{}');
    } catch (e) {
      labels = {};
    }
    tr.appendChild(cell('td', '', labels[p.status] || String(p.status)));
    return tr;
  }

  function norm(text) {
    return String(text || '').toLowerCase().replace(/\s+/g, ' ');
  }

  function getJson(url) {
    if (!window.fetch || !url) return Promise.resolve(null);
    return fetch(url, { cache: 'no-cache' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  function refreshLastCheck() {
    var holder = doc.querySelector('[data-status-url]');
    if (!holder) return;
    var times = holder.querySelectorAll('time[data-kind]');
    getJson(holder.getAttribute('data-status-url')).then(function (status) {
      if (!status || typeof status.lastRunAt !== 'string') return;
      for (var i = 0; i < times.length; i++) {
        var time = times[i];
        if (status.lastRunAt <= (time.getAttribute('datetime') || '')) continue;
        time.setAttribute('datetime', status.lastRunAt);
        time.textContent = formatTime(status.lastRunAt, time.getAttribute('data-kind'));
      }
    });
  }

  function updateLanguageLinks() {
    var links = doc.querySelectorAll('a[data-lang-link]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var base = link.getAttribute('data-lang-link');
      link.setAttribute('href', base + location.search + (location.hash || ''));
    }
  }

  function initTable(form, table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var order = new Map();
    var texts = new Map();
    var extra = new Map();
    var dataRequested = false;
    var stemIndex = null; // v1/search-index.json, beside projects.json (search-index.ts)
    // A cut table (FRONT_PAGE_TABLE_ROWS) knows how many projects there are in all.
    var total = Number(table.getAttribute('data-total')) || rows.length;
    var showAll = null;
    rows.forEach(function (row, i) {
      order.set(row, i);
      texts.set(row, norm(row.textContent + ' ' + (row.getAttribute('data-acronym') || '')));
    });
    var count = doc.getElementById('shown-count');
    var template = count ? count.getAttribute('data-template') || '' : '';
    var headers = table.querySelectorAll('th[data-sort]');

    function control(name) {
      return form.elements.namedItem(name);
    }

    function readQuery() {
      var params = new URLSearchParams(location.search);
      FIELDS.forEach(function (name) {
        var el = control(name);
        var value = params.get(name);
        if (!el || value === null) return;
        if (el.tagName === 'SELECT') {
          var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
          el.value = known ? value : '';
        } else {
          el.value = value;
        }
      });
    }

    function currentState() {
      var state = {};
      FIELDS.forEach(function (name) {
        var el = control(name);
        state[name] = el ? String(el.value).trim() : '';
      });
      return state;
    }

    /** The full records: more text to search, and the rows a cut table leaves out. */
    function loadData() {
      if (dataRequested) return;
      dataRequested = true;
      var projectsUrl = table.getAttribute('data-projects-url') || '';
      getJson(projectsUrl.replace(/projects\.json$/, 'search-index.json')).then(function (index) {
        stemIndex = index;
        if (index) apply(false);
      });
      getJson(projectsUrl).then(function (data) {
        if (!data || !Array.isArray(data.projects)) return;
        var byId = new Map();
        rows.forEach(function (row) { byId.set(row.getAttribute('data-id'), row); });
        var all = [];
        data.projects.forEach(function (p) {
          var m = p.migri || {};
          extra.set(String(p.id), norm([p.summary, p.acronym, p.nationalObjective, m.title, m.description, m.goals].join(' ')));
          var row = byId.get(String(p.id));
          if (!row && total > rows.length) {
            row = buildRow(p, table);
            texts.set(row, norm(row.textContent + ' ' + (p.acronym || '')));
          }
          if (row) {
            order.set(row, all.length);
            all.push(row);
          }
        });
        if (all.length >= rows.length) {
          rows = all;
          total = rows.length;
          var note = doc.getElementById('table-partial');
          if (note) note.hidden = true;
          if (showAll) showAll.hidden = true;
        }
        apply(false);
      });
    }

    function narrowed(state) {
      return FIELDS.some(function (name) { return name !== 'q' && state[name] !== ''; });
    }

    function matches(row, state, terms, stemmed) {
      var d = row.dataset;
      if (state.programme && row.cells[PROGRAMME_CELL].textContent.trim() !== state.programme) return false;
      if (state.so && d.so !== state.so) return false;
      if (state.beneficiary && d.beneficiary !== state.beneficiary) return false;
      if (state.status && d.status !== state.status) return false;
      if (state.year && d.year !== state.year) return false;
      if (terms.length === 0) return true;
      var text = texts.get(row) + ' ' + (extra.get(d.id) || '');
      return terms.every(function (t, i) { return text.indexOf(t) !== -1 || (stemmed[i] && stemmed[i].has(d.id)); });
    }

    function textOf(row, key) {
      return row.cells[key === 'name' ? NAME_CELL : BENEFICIARY_CELL].textContent.trim();
    }

    function comparator(sort) {
      // The default order is the server's: the largest EU funding first, rows without an amount last.
      if (sort === '') sort = '-eu';
      var desc = sort.charAt(0) === '-';
      var key = desc ? sort.slice(1) : sort;
      var byOrder = function (a, b) { return order.get(a) - order.get(b); };
      if (key === 'name' || key === 'beneficiary') {
        return function (a, b) { return textOf(a, key).localeCompare(textOf(b, key), lang) || byOrder(a, b); };
      }
      if (key === 'eu' || key === 'start') {
        var attr = key === 'eu' ? 'data-eu' : 'data-start';
        return function (a, b) {
          var x = a.getAttribute(attr) || '';
          var y = b.getAttribute(attr) || '';
          if (x === '' || y === '') return (x === '' ? 1 : 0) - (y === '' ? 1 : 0) || byOrder(a, b);
          var c = key === 'eu' ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
          return (desc ? -c : c) || byOrder(a, b);
        };
      }
      return byOrder;
    }

    function markHeaders(sort) {
      var key = sort.replace(/^-/, '');
      for (var i = 0; i < headers.length; i++) {
        var th = headers[i];
        if (th.getAttribute('data-sort') === key) {
          th.setAttribute('aria-sort', sort.charAt(0) === '-' ? 'descending' : 'ascending');
        } else {
          th.removeAttribute('aria-sort');
        }
      }
    }

    function writeQuery(state) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) {
        if (state[name]) params.set(name, state[name]);
      });
      var query = params.toString();
      history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    }

    function apply(updateUrl) {
      var state = currentState();
      var terms = norm(state.q).split(' ').filter(Boolean);
      if (terms.length > 0 || (total > rows.length && narrowed(state))) loadData();
      var shown = 0;
      var stemmed = terms.map(function (t) { return amifStemSearch.find(stemIndex, t); });
      rows.forEach(function (row) {
        var ok = matches(row, state, terms, stemmed);
        row.hidden = !ok;
        if (ok) shown++;
      });
      var sorted = rows.slice().sort(comparator(state.sort));
      var fragment = doc.createDocumentFragment();
      sorted.forEach(function (row) { fragment.appendChild(row); });
      tbody.appendChild(fragment);
      if (count) count.textContent = template.replace('{shown}', String(shown)).replace('{total}', String(total));
      // A cut table that loaded nothing yet shows every project: the server's line already sums them all.
      if (selection && (rows.length >= total || narrowed(state) || terms.length > 0)) updateSelection();
      markHeaders(state.sort);
      if (updateUrl) writeQuery(state);
      updateLanguageLinks();
    }

    var selection = doc.getElementById('selection-total');

    function shownRows() {
      return rows.filter(function (row) { return !row.hidden; });
    }

    /** The count and EU funding of the rows shown, as the server writes them (project-list.ts). */
    function updateSelection() {
      var sums = new Map();
      var all = 0;
      var shownList = shownRows();
      shownList.forEach(function (row) {
        var eu = row.getAttribute('data-eu') || '';
        var cents = eu === '' || row.getAttribute('data-status') === 'removed' ? 0 : Number(eu);
        var programme = row.cells[PROGRAMME_CELL].textContent.trim();
        all += cents;
        sums.set(programme, (sums.get(programme) || 0) + cents);
      });
      var text = (selection.getAttribute('data-template') || '')
        .replace('{count}', groupDigits(String(shownList.length), lang === 'en' ? ',' : ' '))
        .replace('{amount}', formatEuros(all / 100));
      if (sums.size > 1) {
        var parts = Array.from(sums.keys()).sort().reverse().map(function (p) { return p + ': ' + formatEuros(sums.get(p) / 100); });
        text += ' (' + parts.join('; ') + ')';
      }
      selection.textContent = text;
    }

    /** The records of a CSV text (RFC 4180: quoted fields may hold line breaks), each as its text. */
    function csvRecords(text) {
      var out = [];
      var start = 0;
      var quoted = false;
      for (var i = 0; i < text.length; i++) {
        var c = text.charAt(i);
        if (c === '"') quoted = !quoted;
        else if (!quoted && c === '\r' && text.charAt(i + 1) === '\n') {
          out.push(text.slice(start, i));
          start = i + 2;
          i++;
        }
      }
      return out;
    }

    function fieldOf(record, index) {
      var fields = record.split(',');
      return fields[index] || '';
    }

    /** The shown projects as CSV: projects.csv's header and their rows exactly as it writes them. */
    function downloadSelection(button) {
      if (!window.fetch) return;
      button.disabled = true;
      var ids = new Set(shownRows().map(function (row) { return row.getAttribute('data-id'); }));
      var column = Number(selection.getAttribute('data-csv-id-column')) || 0;
      fetch(selection.getAttribute('data-csv-url'), { cache: 'no-cache' })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error(String(r.status))); })
        .then(function (text) {
          var records = csvRecords(text);
          // Ids are [a-z0-9-], never quoted, so the id column is found by its commas alone.
          var kept = records.slice(0, 1).concat(records.slice(1).filter(function (rec) { return ids.has(fieldOf(rec, column)); }));
          var blob = new Blob([kept.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
          var link = doc.createElement('a');
          link.href = URL.createObjectURL(blob);
          link.download = 'projects-selection.csv';
          doc.body.appendChild(link);
          link.click();
          setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
        })
        .catch(function () {})
        .then(function () { button.disabled = false; });
    }

    if (selection && selection.getAttribute('data-download-label')) {
      var download = cell('button', 'button secondary', selection.getAttribute('data-download-label'));
      download.type = 'button';
      download.id = 'download-selection';
      download.addEventListener('click', function () { downloadSelection(download); });
      selection.parentNode.insertBefore(download, selection.nextSibling);
    }

    for (var i = 0; i < headers.length; i++) {
      (function (th) {
        var button = doc.createElement('button');
        button.type = 'button';
        button.className = 'sort-button';
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        button.addEventListener('click', function () {
          var select = control('sort');
          if (!select) return;
          var asc = th.getAttribute('data-sort-first') || th.getAttribute('data-sort');
          var other = asc.charAt(0) === '-' ? asc.slice(1) : '-' + asc;
          var hasOther = Array.prototype.some.call(select.options, function (o) { return o.value === other; });
          select.value = select.value === asc ? (hasOther ? other : '') : asc;
          apply(true);
        });
      })(headers[i]);
    }

    if (total > rows.length && table.getAttribute('data-show-all')) {
      showAll = cell('button', 'button secondary', table.getAttribute('data-show-all'));
      showAll.type = 'button';
      showAll.id = 'show-all';
      showAll.addEventListener('click', function () {
        showAll.disabled = true;
        loadData();
      });
      var anchor = doc.getElementById('table-partial') || count;
      if (anchor) anchor.parentNode.insertBefore(showAll, anchor.nextSibling);
    }

    form.addEventListener('input', function () { apply(true); });
    form.addEventListener('change', function () { apply(true); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      apply(true);
    });
    form.addEventListener('reset', function () {
      setTimeout(function () { apply(true); }, 0);
    });
    readQuery();
    var toggle = doc.getElementById('filters-toggle');
    // On a wide screen the filters take little room; on a phone they stay folded unless in use.
    if (toggle && (location.search.length > 1 || (window.matchMedia && window.matchMedia('(min-width: 40rem)').matches))) {
      toggle.open = true;
    }
    apply(false);
    doc.documentElement.classList.add('js');
  }

  function start() {
    var form = doc.getElementById('filters');
    var table = doc.getElementById('projects-table');
    if (form && table) initTable(form, table);
    updateLanguageLinks();
    refreshLastCheck();
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
