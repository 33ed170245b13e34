/*! consent4j banner | Apache-2.0 | no dependencies, no third-party requests */
(() => {
  'use strict';
  const w = window, d = document;
  if (w.consent4j) return;

  const me = d.currentScript;
  let boot = {};
  const bootEl = d.getElementById('consent4j-boot');
  if (bootEl) {
    try { boot = JSON.parse(bootEl.textContent) || {}; } catch (e) { boot = {}; }
  }
  const prefix = boot.prefix || (me && me.src
    ? new URL(me.src, location.href).pathname.replace(/\/assets\/consent\.js$/, '') : '/consent');
  let modeMap = boot.consentMode || null;
  const JS_TYPE = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/jscript)$/i;
  const LANG_COOKIE = 'consent4j_lang';
  const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled]),select,textarea,summary,[tabindex]:not([tabindex="-1"])';

  let state = boot.state || null, data = null, catalog = null;
  // The consent-derived policy the page was served under: it cannot change without a new page.
  let pageCsp = state && state.csp;
  let root = null, live = null, backdrop = null, dialog = null, reopen = null;
  let layer = null, fromFirst = false, returnTo = null;

  w.consent4j = {
    open: () => openSettings(layer === 'first'),
    allows: (id) => allows(state, id, id),
    state: () => state
  };

  // ---- state -------------------------------------------------------------------------------

  function index(s) {
    const cats = {}, svcs = {};
    ((s && s.categories) || []).forEach((c) => { cats[c.id] = c; });
    ((s && s.services) || []).forEach((v) => { svcs[v.id] = v; });
    return { cats, svcs };
  }

  /** A service's own decision when the server knows it, else its category's; unknown: denied. */
  function allows(s, service, category) {
    const i = index(s);
    const v = service && i.svcs[service];
    if (v) return v.decision === 'allow';
    const c = category && i.cats[category];
    return !!c && c.decision === 'allow';
  }

  /** Whether something allowed before is denied now: running trackers can only stop by reloading. */
  function withdrew(before, after) {
    const a = index(before), b = index(after);
    const lost = (x, y) => Object.keys(x).some((k) => x[k].decision === 'allow' && !(y[k] && y[k].decision === 'allow'));
    return lost(a.svcs, b.svcs) || lost(a.cats, b.cats);
  }

  /** Whether the enforced policy of this page would block what the new choice allows: only a new page gets the new one. */
  function blocked(next) {
    return !!(pageCsp && pageCsp.mode === 'enforce' && next && next.csp && next.csp.key !== pageCsp.key);
  }

  function granted(s) {
    return !!(s && s.choice) && (s.categories || []).some((c) => !c.required && c.decision === 'allow' && /^granted/.test(c.reason));
  }

  function api(method, body) {
    const o = { method, credentials: 'same-origin', headers: { Accept: 'application/json', 'X-Consent4j': '1' } };
    if (body) {
      o.headers['Content-Type'] = 'application/json';
      o.body = JSON.stringify(body);
    }
    return fetch(prefix, o).then((r) => {
      if (!r.ok) throw new Error('consent4j: ' + method + ' ' + prefix + ' answered ' + r.status);
      return r.json();
    });
  }

  // ---- activation of gated markup --------------------------------------------------------------

  function activateAll(s) {
    const els = Array.from(d.querySelectorAll('[data-consent-gated]')).filter((el) =>
      allows(s, el.getAttribute('data-consent-service'), el.getAttribute('data-consent-category')));
    return els.reduce((p, el) => p.then(() => activate(el)), Promise.resolve());
  }

  function activate(el) {
    if (!el.isConnected || !el.hasAttribute('data-consent-gated')) return null;
    if (el.tagName === 'SCRIPT') {
      const s = d.createElement('script');
      for (const a of Array.from(el.attributes)) {
        if (a.name !== 'type' && a.name.indexOf('data-consent-') !== 0) s.setAttribute(a.name, a.value);
      }
      if (el.nonce) s.nonce = el.nonce;
      const type = el.getAttribute('data-consent-type');
      if (type) s.type = type;
      const src = el.getAttribute('data-consent-src');
      const wait = !!src && JS_TYPE.test(type || '');
      return new Promise((done) => {
        if (wait) {
          s.async = false;
          s.onload = s.onerror = done;
          setTimeout(done, 15000);
        }
        if (src) s.src = src; else s.text = el.text;
        el.replaceWith(s);
        if (!wait) done();
      });
    }
    if (el.tagName === 'STYLE') el.removeAttribute('type');
    if (el.hasAttribute('data-consent-placeholder')) el.removeAttribute('srcdoc');
    const markers = ['gated', 'category', 'service', 'placeholder'];
    Array.from(el.attributes).forEach((a) => {
      if (a.name.indexOf('data-consent-') !== 0) return;
      const n = a.name.substring(13);
      el.removeAttribute(a.name);
      if (markers.indexOf(n) < 0) el.setAttribute(n, a.value);
    });
    const parent = el.parentNode, target = mediaTarget(el);
    if (target && holders.has(target) && !gatedIn(target).length) unplace(target);
    if (el.tagName === 'SOURCE' && parent && typeof parent.load === 'function') parent.load();
    else if (el.tagName === 'OBJECT' || el.tagName === 'EMBED') el.replaceWith(el.cloneNode(true));
    return null;
  }

  // ---- click-to-load placeholders ------------------------------------------------------------

  const MEDIA = /^(IFRAME|VIDEO|AUDIO|OBJECT|EMBED)$/;
  const holders = new Map(); // player -> { ph, display, priority }

  /** The player a gated element belongs to: itself, or the video or audio around a source or track. */
  function mediaTarget(el) {
    if (el.tagName === 'SOURCE' || el.tagName === 'TRACK') {
      const p = el.parentElement;
      return p && (p.tagName === 'VIDEO' || p.tagName === 'AUDIO') ? p : null;
    }
    return MEDIA.test(el.tagName) ? el : null;
  }

  /** The gated elements of a player: the player and its sources and tracks. */
  function gatedIn(target) {
    const list = target.hasAttribute('data-consent-gated') ? [target] : [];
    target.querySelectorAll('source[data-consent-gated],track[data-consent-gated]').forEach((x) => list.push(x));
    return list;
  }

  function serviceInfo(id) {
    let found = null;
    ((catalog && catalog.categories) || []).forEach((c) => c.services.forEach((v) => { if (v.id === id) found = v; }));
    return found;
  }

  /** A plain link to the original: a YouTube or Vimeo page for their players, else the embedded URL itself. */
  function original(url) {
    let u;
    try { u = new URL(url, location.href); } catch (e) { return null; }
    if (!/^https?:$/.test(u.protocol)) return null;
    const yt = /(^|\.)youtube(-nocookie)?\.com$/i.test(u.hostname) && u.pathname.match(/^\/embed\/([\w-]+)$/);
    if (yt) return 'https://www.youtube.com/watch?v=' + yt[1];
    const vm = /^player\.vimeo\.com$/i.test(u.hostname) && u.pathname.match(/^\/video\/(\d+)$/);
    if (vm) return 'https://vimeo.com/' + vm[1];
    return u.href;
  }

  /** Covers every player still gated for this state with a placeholder (once the catalog is there). */
  function placeholders(s) {
    if (data.placeholders === false) return Promise.resolve();
    const targets = [];
    d.querySelectorAll('[data-consent-gated]').forEach((el) => {
      const target = mediaTarget(el);
      if (target && !holders.has(target) && targets.indexOf(target) < 0
        && !allows(s, el.getAttribute('data-consent-service'), el.getAttribute('data-consent-category'))) targets.push(target);
    });
    if (!targets.length) return Promise.resolve();
    return loadCatalog().catch((err) => console.warn(err)).then(() => targets.forEach(place));
  }

  function place(target) {
    const el = gatedIn(target)[0];
    if (!el || holders.has(target)) return;
    const id = el.getAttribute('data-consent-service') || '';
    const svc = serviceInfo(id);
    const src = el.getAttribute('data-consent-src') || target.getAttribute('data-consent-src') || '';
    const link = src && original(src);
    // A service outside the site's catalog (an unknown host) is named by the host it would load from.
    const name = (svc && svc.name) || (link && new URL(link).hostname) || id;
    const provider = (svc && svc.provider) || name;
    const label = t('placeholderLabel', { service: name }) + (target.title ? ' \u2013 ' + target.title : '');
    const text = svc && svc.consentText;
    const r = target.getBoundingClientRect();
    const width = r.width || Number(target.getAttribute('width')) || 300;
    const height = r.height || Number(target.getAttribute('height')) || (target.tagName === 'AUDIO' ? 54 : 150);
    const ph = h('div', { class: 'c4j-ph', role: 'group', 'aria-label': label, lang: data.lang, 'data-consent-for': id },
      h('p', { class: 'c4j-ph-title' }, h('strong', { text: name }), provider !== name && ' \u00b7 ' + provider),
      h('p', { class: 'c4j-ph-text', lang: text && svc.consentTextLang !== data.lang ? svc.consentTextLang : null,
        text: text || t('placeholderText', { provider }) }),
      h('div', { class: 'c4j-ph-actions' },
        h('button', { type: 'button', class: 'c4j-ph-btn', 'data-act': 'once', text: t('loadOnce'), onclick: () => loadOnce(target, name) }),
        svc && h('button', {
          type: 'button', class: 'c4j-ph-btn c4j-ph-always', 'data-act': 'always',
          text: t('alwaysAllow', { service: name }), onclick: (e) => alwaysAllow(id, target, name, e.currentTarget)
        })),
      h('p', { class: 'c4j-ph-links' },
        link && safeLink(link) && h('a', { href: link, rel: 'noopener noreferrer', 'data-act': 'open', text: t('openOn', { service: name }) }),
        svc && safeLink(svc.privacyPolicy) && h('a', { href: svc.privacyPolicy, rel: 'noopener noreferrer', text: t('privacyPolicy') + ': ' + name })),
      h('p', { class: 'c4j-error', role: 'alert' }));
    ph.style.width = width + 'px';
    ph.style.minHeight = height + 'px';
    holders.set(target, { ph, display: target.style.getPropertyValue('display'), priority: target.style.getPropertyPriority('display') });
    target.style.setProperty('display', 'none', 'important');
    target.before(ph);
  }

  function unplace(target) {
    const held = holders.get(target);
    if (!held) return;
    holders.delete(target);
    const focused = held.ph.contains(d.activeElement);
    held.ph.remove();
    if (held.display) target.style.setProperty('display', held.display, held.priority);
    else target.style.removeProperty('display');
    if (focused) {
      if (target.tabIndex < 0) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }

  /** "Load this once": this player only, for this page view; the stored choice stays as it is. */
  function loadOnce(target, name) {
    const els = gatedIn(target);
    unplace(target);
    if (live) live.textContent = t('loaded', { service: name });
    return els.reduce((p, el) => p.then(() => activate(el)), Promise.resolve());
  }

  /** "Always allow": the current choice plus a grant for this one service, recorded like any other choice. */
  function alwaysAllow(id, target, name, button) {
    const box = button.closest('.c4j-ph').querySelector('.c4j-error');
    button.disabled = true;
    return fullState().then(() => {
      const i = index(state), categories = {}, services = {};
      Object.keys(i.cats).forEach((k) => { if (!i.cats[k].required) categories[k] = i.cats[k].decision === 'allow'; });
      Object.keys(i.svcs).forEach((k) => {
        const v = i.svcs[k], c = i.cats[v.category], on = v.decision === 'allow';
        if (c && !c.required && on !== (c.decision === 'allow')) services[k] = on;
      });
      services[id] = true;
      return api('POST', shown({ categories, services }));
    }).then((next) => {
      const focused = holders.has(target) && holders.get(target).ph.contains(d.activeElement);
      const done = apply(next, true);
      if (live) live.textContent = t('loaded', { service: name });
      return done && done.then(() => { if (focused && target.isConnected) target.focus(); });
    }, (err) => {
      button.disabled = false;
      if (box) box.textContent = t('saveError');
      console.warn(err);
    });
  }

  // ---- Google Consent Mode -------------------------------------------------------------------

  function consentModeUpdate(s) {
    if (!modeMap) return;
    const cats = index(s).cats, values = {};
    Object.keys(modeMap).forEach((type) => {
      const list = modeMap[type];
      values[type] = list.length && list.every((c) => cats[c] && cats[c].decision === 'allow') ? 'granted' : 'denied';
    });
    w.dataLayer = w.dataLayer || [];
    if (typeof w.gtag === 'function') w.gtag('consent', 'update', values);
    else (function () { w.dataLayer.push(arguments); })('consent', 'update', values);
  }

  // ---- choices -------------------------------------------------------------------------------

  /** What the visitor was shown, for the record: the language and the hash of the texts document. */
  function shown(choice) {
    if (data && data.lang) choice.locale = data.lang;
    if (data && data.textsHash) choice.textsHash = data.textsHash;
    return choice;
  }

  function choose(act) {
    let request;
    if (act === 'all') request = api('POST', shown({ accept: 'all' }));
    else if (act === 'none') request = granted(state) ? api('DELETE') : api('POST', shown({ accept: 'none' }));
    else {
      const categories = {}, services = {};
      dialog.querySelectorAll('input[data-cat]').forEach((i) => {
        if (!i.disabled) categories[i.getAttribute('data-cat')] = i.checked;
      });
      // A service switched on in a category switched off is a grant for that service alone.
      dialog.querySelectorAll('input[data-svc]').forEach((i) => {
        const cat = categories[i.getAttribute('data-svc-cat')];
        if (!i.disabled && cat !== undefined && i.checked !== cat) services[i.getAttribute('data-svc')] = i.checked;
      });
      request = api('POST', shown(Object.keys(services).length ? { categories, services } : { categories }));
    }
    busy(true);
    return request.then(apply, (err) => {
      busy(false);
      const box = dialog && dialog.querySelector('.c4j-error');
      if (box) box.textContent = t('saveError');
      console.warn(err);
    });
  }

  function apply(next, quiet) {
    const before = state;
    state = next;
    consentModeUpdate(next);
    d.dispatchEvent(new CustomEvent('consent4j:change', { detail: next }));
    if (before && withdrew(before, next) || blocked(next)) {
      location.reload();
      return null;
    }
    if (!quiet) {
      close();
      live.textContent = t('saved');
    }
    return activateAll(next);
  }

  function busy(on) {
    if (!dialog) return;
    dialog.setAttribute('aria-busy', on ? 'true' : 'false');
    dialog.querySelectorAll('.c4j-actions button').forEach((b) => { b.disabled = on; });
  }

  // ---- rendering -----------------------------------------------------------------------------

  function t(key, vars) {
    let s = (data && data.texts[key]) || key;
    if (vars) Object.keys(vars).forEach((v) => { s = s.split('{' + v + '}').join(String(vars[v])); });
    return s;
  }

  function h(tag, props, ...kids) {
    const e = d.createElement(tag);
    if (props) {
      Object.keys(props).forEach((k) => {
        const v = props[k];
        if (v == null || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'onclick') e.addEventListener('click', v);
        else if (k === 'onchange') e.addEventListener('change', v);
        else e.setAttribute(k, v === true ? '' : v);
      });
    }
    kids.flat(2).forEach((c) => { if (c != null && c !== false && c !== '') e.append(c); });
    return e;
  }

  function safeLink(url) {
    return typeof url === 'string' && (/^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url)) && !/[\s"<>\\]/.test(url);
  }

  function links() {
    const l = data.links || {};
    return h('p', { class: 'c4j-links' },
      safeLink(l.declaration) && h('a', { href: l.declaration, text: t('cookieDeclaration') }),
      safeLink(l.privacyPolicy) && h('a', { href: l.privacyPolicy, text: t('privacyPolicy') }),
      languageSwitcher());
  }

  // ---- language ------------------------------------------------------------------------------

  /** A labelled select of the banner's languages, each named in itself; none for a single language. */
  function languageSwitcher() {
    const list = data.languages;
    if (!Array.isArray(list) || list.length < 2) return null;
    const select = h('select', { id: 'c4j-lang', class: 'c4j-lang-select' }, list.map((l) => h('option', {
      value: l.code, lang: l.code, selected: l.code === data.lang, text: l.name
    })));
    select.addEventListener('change', () => switchLanguage(select.value));
    return h('span', { class: 'c4j-lang' }, h('label', { for: 'c4j-lang', text: t('language') }), select);
  }

  /** Remembers the visitor's pick for the next pages (read by the server; a UI preference, exempt from consent). */
  function rememberLanguage(code) {
    d.cookie = LANG_COOKIE + '=' + encodeURIComponent(code) + '; Path=/; Max-Age=31536000; SameSite=Lax'
      + (location.protocol === 'https:' ? '; Secure' : '');
  }

  /** Shows the open layer in another language, keeping the switches the visitor set but did not save yet. */
  function switchLanguage(code) {
    rememberLanguage(code);
    const kept = {};
    if (dialog) dialog.querySelectorAll('input.c4j-switch').forEach((i) => { kept[i.id] = i.checked; });
    const which = layer, first = fromFirst;
    return fetch(prefix + '/assets/texts/' + encodeURIComponent(code) + '.json', { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error('consent4j: texts answered ' + r.status);
      return r.json();
    }).then((x) => {
      data = x;
      catalog = null;
      root.setAttribute('lang', data.lang);
      if (which === 'first') return openFirst();
      if (which === 'second') {
        return loadCatalog().then(() => {
          renderSettings(first);
          Object.keys(kept).forEach((id) => {
            const i = d.getElementById(id);
            if (i && !i.disabled) i.checked = kept[id];
          });
        });
      }
      return renderReopen();
    }).then(() => {
      const select = d.getElementById('c4j-lang');
      if (select) select.focus();
    }).catch((err) => {
      const box = dialog && dialog.querySelector('.c4j-error');
      if (box) box.textContent = t('saveError');
      console.warn(err);
    });
  }

  function actions(list) {
    return h('div', { class: 'c4j-actions' }, list.map(([act, key]) => h('button', {
      type: 'button', class: 'c4j-btn', 'data-act': act, text: t(key),
      onclick: () => (act === 'custom' ? openSettings(true) : choose(act))
    })));
  }

  function mount() {
    root = h('div', { id: 'consent4j', class: 'c4j', lang: data.lang });
    live = h('div', { class: 'c4j-sr', role: 'status' });
    root.append(live);
    d.body.append(root);
    d.addEventListener('keydown', onKey);
    d.addEventListener('focusin', onFocusIn);
    w.addEventListener('resize', pad);
    d.addEventListener('click', (e) => {
      const pick = e.target.closest && e.target.closest('.c4j-decl-langs a[hreflang]');
      if (pick) rememberLanguage(pick.getAttribute('hreflang')); // the declaration's own switcher: follow the link
      const opener = e.target.closest && e.target.closest('[data-consent-open]');
      if (opener && !root.contains(opener)) {
        e.preventDefault();
        returnTo = opener;
        w.consent4j.open();
      }
    });
  }

  function renderReopen() {
    if (reopen) reopen.remove();
    reopen = null;
    const optOut = state.regime === 'OPT_OUT';
    const gpc = optOut && state.gpc && state.gpcHonoured;
    const own = d.querySelector('[data-consent-open]');
    if (own && !gpc) return; // the site offers its own link; the GPC status is still shown
    reopen = h('aside', { class: 'c4j-reopen', 'aria-label': t(optOut ? 'optOutTitle' : 'reopen') },
      !own && h('button', {
        type: 'button', class: 'c4j-reopen-btn', text: t(optOut ? 'optOutLink' : 'reopen'),
        onclick: () => openSettings(false)
      }),
      gpc && h('span', { class: 'c4j-gpc', text: t('gpcStatus') }));
    root.append(reopen);
  }

  function show(el) {
    if (!backdrop) {
      backdrop = h('div', { class: 'c4j-backdrop' });
      root.append(backdrop);
      el.classList.add('c4j-enter'); // fade in once, not on every switch between layers
    }
    if (dialog) dialog.remove();
    dialog = el;
    root.append(el);
    if (reopen) {
      reopen.remove();
      reopen = null;
    }
    pad();
    el.focus();
  }

  /** Keeps controls scrolled into view clear of the sticky action row (WCAG 2.2, 2.4.11). */
  function pad() {
    const row = dialog && dialog.querySelector('.c4j-actions');
    if (row) dialog.style.scrollPaddingBottom = row.offsetHeight + 'px';
  }

  function close() {
    if (dialog) dialog.remove();
    if (backdrop) backdrop.remove();
    dialog = backdrop = null;
    layer = null;
    fromFirst = false;
    renderReopen();
    const target = returnTo && returnTo.isConnected && returnTo !== d.body && !root.contains(returnTo)
      ? returnTo : reopen && reopen.querySelector('button');
    returnTo = null;
    if (target) target.focus();
  }

  function back() {
    if (layer === 'second' && fromFirst) openFirst();
    else close();
  }

  function openFirst() {
    if (!layer && !returnTo) returnTo = d.activeElement;
    layer = 'first';
    fromFirst = false;
    show(h('div', {
      class: 'c4j-dialog c4j-first', role: 'dialog', 'aria-modal': 'true',
      'aria-labelledby': 'c4j-title', 'aria-describedby': 'c4j-intro', tabindex: '-1'
    },
    h('h2', { id: 'c4j-title', class: 'c4j-title', text: t('title') }),
    h('p', { id: 'c4j-intro', text: t('intro') }),
    links(),
    h('p', { class: 'c4j-error', role: 'alert' }),
    actions([['all', 'acceptAll'], ['none', 'rejectAll'], ['custom', 'customise']])));
  }

  /** The categories and services, fetched the first time the settings open (only they need them). */
  function loadCatalog() {
    if (catalog) return Promise.resolve(catalog);
    return fetch(data.catalog || prefix + '/assets/catalog/' + data.lang + '.json', { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error('consent4j: catalog answered ' + r.status);
      return r.json();
    }).then((c) => { catalog = c; return c; });
  }

  /** The page inlines only the first-paint state; the second layer shows the full one from GET {prefix}. */
  function fullState() {
    if (!state.partial) return Promise.resolve(state);
    return api('GET').then((s) => { state = s; return s; });
  }

  function openSettings(fromFirstLayer) {
    if (!data || !state) return Promise.resolve();
    if (!layer && !returnTo) returnTo = d.activeElement;
    return Promise.all([loadCatalog(), fullState()]).then(() => renderSettings(fromFirstLayer), (err) => {
      if (!layer) returnTo = null;
      const box = dialog && dialog.querySelector('.c4j-error');
      if (box) box.textContent = t('saveError');
      console.warn(err);
    });
  }

  function renderSettings(fromFirstLayer) {
    layer = 'second';
    fromFirst = !!fromFirstLayer;
    const optOut = state.regime === 'OPT_OUT';
    const decisions = index(state).cats;
    show(h('div', {
      class: 'c4j-dialog c4j-second', role: 'dialog', 'aria-modal': 'true',
      'aria-labelledby': 'c4j-title', tabindex: '-1'
    },
    h('div', { class: 'c4j-head' },
      h('h2', { id: 'c4j-title', class: 'c4j-title', text: t(optOut ? 'optOutTitle' : 'settingsTitle') }),
      h('button', { type: 'button', class: 'c4j-close', 'aria-label': t('close'), onclick: back }, '\u00d7')),
    h('p', { text: t(optOut ? 'optOutIntro' : 'settingsIntro') }),
    state.gpc && state.gpcHonoured && h('p', { class: 'c4j-note', text: t('gpcHonoured') }),
    links(),
    h('ul', { class: 'c4j-cats' }, catalog.categories.map((c) => category(c, decisions[c.id]))),
    h('p', { class: 'c4j-error', role: 'alert' }),
    actions(optOut ? [['none', 'optOutAll'], ['save', 'save']] : [['all', 'acceptAll'], ['none', 'rejectAll'], ['save', 'save']])));
  }

  function category(c, decision) {
    const id = 'c4j-sw-' + c.id, desc = id + '-d';
    const svcs = index(state).svcs;
    const on = c.required || (!!decision && decision.decision === 'allow');
    const gpcOff = !!decision && decision.reason === 'gpc-opt-out';
    return h('li', { class: 'c4j-cat' },
      h('div', { class: 'c4j-cat-head' },
        h('label', { for: id, class: 'c4j-cat-label', text: c.label }),
        h('input', {
          type: 'checkbox', role: 'switch', id, class: 'c4j-switch', 'data-cat': c.id,
          'aria-describedby': desc, checked: on, disabled: c.required, onchange: categorySwitched
        })),
      h('p', { id: desc, class: 'c4j-cat-desc' }, c.description,
        c.required && h('strong', { class: 'c4j-always', text: t('alwaysOn') }),
        gpcOff && h('em', { class: 'c4j-always', text: t('gpcCategory') })),
      services(c, on, svcs));
  }

  /** A category switched on or off takes all its services with it. */
  function categorySwitched(e) {
    const cat = e.currentTarget;
    dialog.querySelectorAll('input[data-svc-cat="' + cat.getAttribute('data-cat') + '"]').forEach((i) => {
      if (!i.disabled) i.checked = cat.checked;
    });
  }

  /** A service switched off in a category switched on turns the category off; the others stay on one by one. */
  function serviceSwitched(e) {
    const svc = e.currentTarget;
    const cat = dialog.querySelector('input[data-cat="' + svc.getAttribute('data-svc-cat') + '"]');
    if (cat && !svc.checked && cat.checked && !cat.disabled) cat.checked = false;
  }

  function services(c, categoryOn, decisions) {
    if (!c.services.length) return null;
    return h('details', { class: 'c4j-svcs' },
      h('summary', { text: t('services', { count: c.services.length }) }),
      h('ul', null, c.services.map((s) => h('li', { class: 'c4j-svc' },
        c.required ? h('p', { class: 'c4j-svc-name', text: s.name }) : h('div', { class: 'c4j-svc-head' },
          h('label', { for: 'c4j-svc-' + s.id, class: 'c4j-svc-name', text: s.name }),
          h('input', {
            type: 'checkbox', role: 'switch', id: 'c4j-svc-' + s.id, class: 'c4j-switch', 'data-svc': s.id,
            'data-svc-cat': c.id, 'aria-label': t('allowService', { service: s.name }), onchange: serviceSwitched,
            checked: categoryOn || (!!decisions[s.id] && decisions[s.id].decision === 'allow')
          })),
        s.description && h('p', { text: s.description, lang: s.descriptionLang }),
        h('dl', null,
          s.provider && [h('dt', { text: t('provider') }), h('dd', { text: s.provider })],
          s.purposes.length > 0 && [h('dt', { text: t('purposes') }), h('dd', { text: s.purposes.join(', ') })],
          h('dt', { text: t('transfer') }), h('dd', { text: s.transfer }),
          h('dt', { text: t('cookies') }),
          h('dd', null, s.cookies.length ? h('ul', { class: 'c4j-cookies' }, s.cookies.map((k) => h('li', null,
            h('code', { text: k.name }), ' \u2013 ' + k.duration + ', ' + k.party + (k.description ? ' \u2013 ' : ''),
            k.description && h('span', { text: k.description, lang: k.descriptionLang }))))
            : t('noCookies'))),
        safeLink(s.privacyPolicy) && h('a', { href: s.privacyPolicy, rel: 'noopener noreferrer', text: t('privacyPolicy') + ': ' + s.name })))));
  }

  // ---- keyboard and focus ----------------------------------------------------------------------

  function focusables() {
    return Array.from(dialog.querySelectorAll(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
  }

  function onKey(e) {
    if (!dialog) return;
    if (e.key === 'Escape' && layer === 'second') {
      e.preventDefault();
      back();
      return;
    }
    if (e.key !== 'Tab') return;
    const f = focusables();
    if (!f.length) {
      e.preventDefault();
      return;
    }
    const first = f[0], last = f[f.length - 1], active = d.activeElement;
    if (e.shiftKey && (active === first || active === dialog || !dialog.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  }

  function onFocusIn(e) {
    if (dialog && !dialog.contains(e.target)) {
      const f = focusables();
      (f[0] || dialog).focus();
    }
  }

  // ---- start ---------------------------------------------------------------------------------

  function loadCss() {
    if (d.querySelector('link[href*="/assets/consent.css"]')) return Promise.resolve();
    return new Promise((done) => {
      const l = h('link', { rel: 'stylesheet', href: boot.css || prefix + '/assets/consent.css' });
      l.onload = l.onerror = done;
      d.head.append(l);
    });
  }

  function init() {
    const texts = fetch(boot.texts || prefix + '/assets/texts.json', { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error('consent4j: texts answered ' + r.status);
      return r.json();
    });
    Promise.all([state ? state : api('GET'), texts, loadCss()]).then(([s, x]) => {
      state = s;
      if (pageCsp === undefined || pageCsp === null) pageCsp = s && s.csp;
      data = x;
      modeMap = modeMap || data.consentMode || null; // manual placement: no data block, mapping from the texts
      mount();
      activateAll(state);
      placeholders(state);
      // The declaration page is where the banner sends people to read: ask there only when they click.
      if (state.needsPrompt && !d.body.classList.contains('c4j-decl')) openFirst();
      else renderReopen();
      d.dispatchEvent(new CustomEvent('consent4j:ready', { detail: state }));
    }).catch((err) => console.warn('consent4j: banner unavailable', err));
  }

  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init);
  else init();
})();
