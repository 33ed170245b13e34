/*! consent4j IAB page APIs (__gpp, __tcfapi, __uspapi) | Apache-2.0 | no dependencies, no third-party requests */
(() => {
  'use strict';
  const w = window, d = document;
  const stub = w.__c4jIab;
  if (!stub || stub.loaded) return;
  stub.loaded = true;

  // ---- the visitor's signals, as the server made them ----------------------------------------

  function json(id) {
    const el = d.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  let data = json('consent4j-iab') || {};
  const boot = json('consent4j-boot') || {};
  let visible = !!(boot.state && boot.state.needsPrompt);
  let userActed = false;
  const SUPPORTED = ['tcfeuv2', 'uspv1', 'usnat'];

  const parsed = () => data.parsedSections || {};
  const gdprApplies = () => !!data.gdprApplies;
  // Under the TCF the signal waits for the visitor's choice; elsewhere the server's decision is the signal.
  const signalReady = () => !(gdprApplies() && !data.tcString && visible);

  // ---- GPP CMP API v1.1 ------------------------------------------------------------------------

  const gppListeners = stub.ls.slice();
  function ping() {
    return {
      gppVersion: '1.1', cmpStatus: 'loaded', cmpDisplayStatus: visible ? 'visible' : 'hidden',
      signalStatus: signalReady() ? 'ready' : 'not ready', supportedAPIs: SUPPORTED.slice(), cmpId: data.cmpId || 0,
      sectionList: (data.sectionList || []).slice(), applicableSections: (data.applicableSections || [-1]).slice(),
      gppString: data.gpp || '', parsedSections: parsed()
    };
  }
  function gppEvent(name, value) {
    gppListeners.slice().forEach((l) => call(l.cb, { eventName: name, listenerId: l.id, data: value, pingData: ping() }, true));
  }
  function field(path) {
    const dot = typeof path === 'string' ? path.indexOf('.') : -1;
    if (dot < 0) return null;
    const section = parsed()[path.slice(0, dot)], name = path.slice(dot + 1);
    if (!section) return null;
    for (const sub of section) {
      if (Object.prototype.hasOwnProperty.call(sub, name)) return sub[name];
    }
    return null;
  }
  function gpp(command, cb, parameter) {
    if (typeof cb !== 'function') return;
    switch (command) {
      case 'ping': return call(cb, ping(), true);
      case 'addEventListener': {
        const id = stub.n();
        gppListeners.push({ id, cb });
        return call(cb, { eventName: 'listenerRegistered', listenerId: id, data: true, pingData: ping() }, true);
      }
      case 'removeEventListener': {
        const i = gppListeners.findIndex((l) => l.id === parameter);
        if (i >= 0) gppListeners.splice(i, 1);
        return call(cb, i >= 0, true);
      }
      case 'hasSection': return call(cb, Object.prototype.hasOwnProperty.call(parsed(), parameter), true);
      case 'getSection': return call(cb, parsed()[parameter] || null, true);
      case 'getField': return call(cb, field(parameter), true);
      // GPP 1.0's call, still made by older tags.
      case 'getGPPData': return call(cb, {
        sectionId: 3, gppVersion: 1, sectionList: ping().sectionList, applicableSections: ping().applicableSections,
        gppString: data.gpp || '', parsedSections: parsed()
      }, true);
      default: return call(cb, null, false);
    }
  }

  // ---- TCF v2.2 CMP API --------------------------------------------------------------------------

  const tcfListeners = [];
  const ids = (list, max) => {
    const o = {};
    for (let i = 1; i <= max; i++) o[i] = false;
    (list || []).forEach((id) => { o[id] = true; });
    return o;
  };
  function tcData(eventStatus, listenerId) {
    const base = { tcfPolicyVersion: 4, cmpId: data.cmpId || 0, cmpVersion: data.cmpVersion || 0, gdprApplies: gdprApplies(), listenerId };
    if (!gdprApplies()) return base;
    const core = ((parsed().tcfeuv2 || [])[0]) || {};
    const disclosed = ((parsed().tcfeuv2 || [])[1] || {}).DisclosedVendors || [];
    return Object.assign(base, {
      tcString: data.tcString || '', eventStatus, cmpStatus: 'loaded', isServiceSpecific: true,
      useNonStandardStacks: false, publisherCC: core.PublisherCountryCode || 'AA', purposeOneTreatment: false,
      purpose: { consents: ids(core.PurposeConsents, 11), legitimateInterests: ids(core.PurposeLegitimateInterests, 11) },
      vendor: {
        consents: ids(core.VendorConsents, 0), legitimateInterests: ids(core.VendorLegitimateInterests, 0),
        disclosedVendors: ids(disclosed, 0)
      },
      specialFeatureOptins: ids(core.SpecialFeatureOptins, 2),
      publisher: { consents: {}, legitimateInterests: {}, customPurpose: { consents: {}, legitimateInterests: {} }, restrictions: {} }
    });
  }
  const tcfStatus = () => (data.tcString ? (userActed ? 'useractioncomplete' : 'tcloaded') : 'cmpuishown');
  function tcf(command, version, cb, parameter) {
    if (typeof cb !== 'function') return;
    if (version !== undefined && version !== null && version !== 0 && version !== 2) return call(cb, null, false);
    switch (command) {
      case 'ping': return call(cb, {
        gdprApplies: gdprApplies(), cmpLoaded: true, cmpStatus: 'loaded',
        displayStatus: !gdprApplies() ? 'disabled' : visible ? 'visible' : 'hidden', apiVersion: '2.2',
        cmpVersion: data.cmpVersion || 0, cmpId: data.cmpId || 0, gvlVersion: data.gvlVersion || 0, tcfPolicyVersion: 4
      }, true);
      case 'addEventListener': {
        const id = stub.n();
        tcfListeners.push({ id, cb });
        return call(cb, tcData(tcfStatus(), id), true);
      }
      case 'removeEventListener': {
        const i = tcfListeners.findIndex((l) => l.id === parameter);
        if (i >= 0) tcfListeners.splice(i, 1);
        return call(cb, i >= 0);
      }
      default: return call(cb, null, false);
    }
  }

  // ---- US Privacy API ------------------------------------------------------------------------------

  function usp(command, version, cb) {
    if (typeof cb !== 'function') return;
    if (command !== 'getUSPData' || (version !== undefined && version !== 1)) return call(cb, null, false);
    // 1---: the CCPA does not apply to this visitor.
    call(cb, { version: 1, uspString: data.usPrivacy || '1---' }, true);
  }

  // ---- calls from frames (postMessage) -------------------------------------------------------------

  function message(e) {
    let msg = e.data;
    const text = typeof msg === 'string';
    if (text) {
      if (!/__(gpp|tcfapi|uspapi)Call/.test(msg)) return;
      try { msg = JSON.parse(msg); } catch (x) { return; }
    }
    if (!msg || typeof msg !== 'object' || !e.source) return;
    const reply = (key, callId) => (value, success) => {
      const out = {};
      out[key] = { returnValue: value, success, callId };
      try { e.source.postMessage(text ? JSON.stringify(out) : out, '*'); } catch (x) { /* the frame went away */ }
    };
    const g = msg.__gppCall, t = msg.__tcfapiCall, u = msg.__uspapiCall;
    if (g && typeof g === 'object') gpp(g.command, reply('__gppReturn', g.callId), g.parameter, g.version);
    else if (t && typeof t === 'object') tcf(t.command, t.version, reply('__tcfapiReturn', t.callId), t.parameter);
    else if (u && typeof u === 'object') usp(u.command, u.version, reply('__uspapiReturn', u.callId));
  }

  function call(cb, value, success) {
    try { cb(value, success); } catch (e) { setTimeout(() => { throw e; }); }
  }

  // ---- take over from the stub -----------------------------------------------------------------------

  w.__gpp = gpp;
  w.__tcfapi = tcf;
  w.__uspapi = usp;
  if (stub.m) w.removeEventListener('message', stub.m);
  w.addEventListener('message', message);
  const queued = stub.q.splice(0);
  queued.forEach(([api, args]) => {
    if (api === 'gpp') gpp.apply(null, args);
    else if (api === 'tcf') tcf.apply(null, args);
    else if (api === 'usp') usp.apply(null, args);
    else message(args);
  });
  gppEvent('cmpStatus', 'loaded');
  if (signalReady()) gppEvent('signalStatus', 'ready');

  // ---- after a choice: new signals, events, no reload -------------------------------------------------

  d.addEventListener('consent4j:change', (e) => {
    const next = e.detail && e.detail.iab;
    if (!next) return;
    gppEvent('signalStatus', 'not ready');
    const before = JSON.stringify(parsed());
    const old = parsed();
    data = next;
    userActed = true;
    if (visible) {
      visible = false;
      gppEvent('cmpDisplayStatus', 'hidden');
    }
    const names = new Set(Object.keys(old).concat(Object.keys(parsed())));
    if (before !== JSON.stringify(parsed())) {
      names.forEach((n) => {
        if (JSON.stringify(old[n] || null) !== JSON.stringify(parsed()[n] || null)) gppEvent('sectionChange', n);
      });
    }
    gppEvent('signalStatus', 'ready');
    if (gdprApplies()) tcfListeners.slice().forEach((l) => call(l.cb, tcData('useractioncomplete', l.id), true));
  });
})();
