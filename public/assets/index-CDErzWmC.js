var e,
  t,
  n,
  r,
  i,
  a,
  o,
  s,
  c,
  l,
  u = Symbol.for(`pv`),
  d = {},
  f = [],
  p = /^m(i|n|o|s|text|space)$/,
  m = Array.isArray,
  h = f.slice,
  g = Object.assign;
function _(e) {
  e && e.parentNode && e.remove();
}
function v(n, r, i, a, o) {
  var s = {
    type: n,
    props: r,
    key: i,
    ref: a,
    __k: null,
    __: null,
    __b: 0,
    __e: null,
    __c: null,
    constructor: u,
    __v: o || ++t,
    __i: -1,
    __u: 0,
  };
  return (!o && e.vnode && e.vnode(s), s);
}
function y(e) {
  return e.children;
}
function b(e, t) {
  (this.props = e), (this.context = t), (this.__g = 0);
}
function x(e, t) {
  if (t == null) return e.__ && x(e.__, e.__i + 1);
  for (var n; t < e.__k.length; t++) if ((n = e.__k[t]) && n.__e) return n.__e;
  return typeof e.type != `function` || e.props.__P ? null : x(e);
}
function S(t) {
  var n,
    r = t.__v,
    i = r.__e,
    a = [],
    o = [],
    s = t.__P;
  s &&
    (((n = g({ constructor: u }, r)).__v = r.__v + 1),
    e.vnode && e.vnode(n),
    j(s, n, r, t.__n, s.namespaceURI, 32 & r.__u ? [i] : null, a, i || x(r), 32 & r.__u, o),
    (n.__v = r.__v),
    (n.__.__k[n.__i] = n),
    M(a, n, o),
    (r.__ = r.__e = null),
    n.__e != i && C(n));
}
function C(e) {
  if ((e = e.__) && e.__c && !e.props.__P) return ((e.__e = null), e.__k.some((t) => t && (e.__e = t.__e)), C(e));
}
function w(t) {
  ((8 & t.__g || ((t.__g |= 8), n.push(t), i++)) && r == e.debounceRendering) || ((r = e.debounceRendering) || queueMicrotask)(T);
}
function T() {
  try {
    for (var e, t = 1; n.length; ) n.length > t && n.sort(a), (e = n.shift()), (t = n.length), 8 & e.__g && S(e);
  } finally {
    (i = n.length) && (r || queueMicrotask)(T);
  }
}
function ee(e, t, n, r, i, a, o, s, c, l, u) {
  var p,
    m,
    h,
    g,
    _,
    v,
    y = r.__k || f,
    b = t.length;
  for (c = E(n, t, y, c, b), p = 0; p < b; p++)
    (h = n.__k[p]) != null &&
      ((m = (~h.__i && y[h.__i]) || d),
      (h.__i = p),
      (v = j(e, h, m, i, a, o, s, c, l, u)),
      (g = h.__e),
      (m.ref != h.ref || 8 & m.__u) && (m.ref && ae(m.ref, null, h, m), h.ref && u.push(h.ref, h.__c || g, h)),
      (_ ||= g),
      4 & h.__u
        ? ((c = D(h, c, e, !m.__v)), m.__e && (m.__e = null))
        : typeof h.type == `function` && v !== void 0
          ? (c = v)
          : g && (c = g.nextSibling),
      (h.__u &= -21));
  return ((n.__e = _), c);
}
function E(e, t, n, r, i) {
  var a,
    o,
    s,
    c,
    l,
    d,
    f,
    p,
    h,
    g = n.length,
    _ = g,
    b = 0,
    S = 0,
    C = (e.__k = Array(i));
  for (a = 0; a < i; a++)
    (o = t[a]) != null && typeof o != `boolean` && typeof o != `function`
      ? (typeof o != `object` || o.constructor === String
          ? (o = C[a] = v(null, o))
          : m(o)
            ? (o = C[a] = v(y, { children: o }))
            : o.constructor === u && o.__b
              ? (o = C[a] = v(o.type, o.props, o.key, o.ref, o.__v))
              : (C[a] = o),
        (c = a + b),
        (o.__ = e),
        (o.__b = e.__b + 1),
        (s = null),
        ~(l = o.__i = O(o, n, c, _)) && (_--, (s = n[l]) && (s.__u |= 2)),
        s && s.__v
          ? ((o.__u |= 16), l == c - 1 ? b-- : l == c + 1 ? b++ : l != c && (l > c ? b-- : b++, (S = 1)))
          : (~l || (i > g ? b-- : i < g && b++), typeof o.type != `function` && (o.__u |= 4)))
      : (C[a] = null);
  if (S) {
    for (d = [], f = [], a = 0; a < i; a++)
      if ((o = C[a]) && 16 & o.__u) {
        for (b = 0, p = d.length; b < p; ) d[(h = (b + p) >> 1)] < o.__i ? (b = h + 1) : (p = h);
        (d[b] = o.__i), (f[a] = b + 1);
      }
    for (b = d.length; a--; ) f[a] && (f[a] == b ? b-- : (C[a].__u |= 4));
  }
  if (_) for (a = 0; a < g; a++) !(s = n[a]) || 2 & s.__u || (s.__e == r && (r = x(s)), oe(s, s));
  return r;
}
function D(e, t, n, r) {
  var i, a, o, s;
  if (typeof e.type == `function`) {
    if (e.props.__P) return t;
    if ((i = e.__k)) for (a = 0; a < i.length; a++) i[a] && ((i[a].__ = e), (t = D(i[a], t, n, !1)));
    return t;
  }
  for (t && !t.parentNode && (t = x(e)) && !t.parentNode && (t = null), o = e.__e, s = t; s && s.nodeType == 8; ) s = s.nextSibling;
  for (
    o != s && (!r && n.moveBefore && o.parentNode ? n.moveBefore(o, t) : n.insertBefore(o, t || null)), t = o;
    (t &&= t.nextSibling) && t.nodeType == 8 && !t.data.startsWith(`$s`);
  );
  return t;
}
function O(e, t, n, r) {
  var i,
    a = e.key,
    o = e.type,
    s = t[n],
    c = s && !(2 & s.__u);
  if ((s === null && a == null) || (c && a == s.key && o == s.type)) return n;
  if (r > +!!c) {
    for (i = n - 1; i >= 0; i--) if ((s = t[i]) && !(2 & s.__u) && a == s.key && o == s.type) return i;
    for (i = n + 1; i < t.length; i++) if ((s = t[i]) && !(2 & s.__u) && a == s.key && o == s.type) return i;
  }
  return -1;
}
function k(e, t, n) {
  (n ??= ``), t[0] == `-` ? e.setProperty(t, n) : (e[t] = n);
}
function A(e, t, n, r, i) {
  var a, o;
  if (t == `style`) {
    if (typeof n == `string`) e.style.cssText = n;
    else {
      if ((typeof r == `string` && (e.style.cssText = r = ``), r)) for (t in r) (n && t in n) || k(e.style, t);
      if (n) for (t in n) (r && n[t] == r[t]) || k(e.style, t, n[t]);
    }
  } else if (t[0] == `o` && t[1] == `n`)
    typeof n != `function` && (n = null),
      typeof r != `function` && (r = null),
      ((e.__e ||= {})[t] = n),
      (n && r) ||
        ((o = l[t] || (l[t] = te(t))),
        ((e.__a ||= {})[t] = c),
        (a = t != (t = t.replace(s, `$1`))),
        (t = t.slice(2))[0] < `a` && (t = t.toLowerCase()),
        n ? e.addEventListener(t, o, a) : e.removeEventListener(t, o, a));
  else {
    if (i == `http://www.w3.org/2000/svg`) t = t.replace(/xlink(H|:h)/, `h`).replace(/sName$/, `s`);
    else if (
      t != `width` &&
      t != `height` &&
      t != `href` &&
      t != `list` &&
      t != `form` &&
      t != `tabIndex` &&
      t != `download` &&
      t != `rowSpan` &&
      t != `colSpan` &&
      t != `role` &&
      t != `popover` &&
      t in e
    )
      try {
        e[t] = n ?? ``;
        return;
      } catch {}
    if (typeof n == `function`) return;
    n == null || (!1 === n && t[4] != `-`) ? e.removeAttribute(t) : e.setAttribute(t, t == `popover` && n == 1 ? `` : n);
  }
}
function te(t) {
  return function (n) {
    var r = this.__e;
    if (r) {
      if (((r = r[t]), n[o] == null)) n[o] = c++;
      else if (n[o] < this.__a[t]) return;
      return r(e.event ? e.event(n) : n);
    }
  };
}
function j(t, n, r, i, a, o, s, c, l, d) {
  var p,
    h,
    v,
    S,
    C,
    w,
    T,
    E,
    D,
    O,
    k,
    A,
    te,
    j,
    M,
    ae,
    N,
    P,
    F = n.type;
  if (n.constructor !== u) return null;
  128 & r.__u &&
    ((l = 32 & r.__u), (p = r.__c.__z)) &&
    ((n.__u |= l), (h = o = []), p.nodeType == 8 ? (c = ne(p, o)) : o.push(p), (c = o[0] || c)),
    (p = e.__b) && p(n);
  n: if (typeof F == `function`) {
    v = s.length;
    try {
      if (
        ((E = n.props),
        (D = (p = F.prototype) && p.render),
        (O = (p = F.contextType) && i[p.__c]),
        (k = p ? (O ? O.props.value : p.__) : i),
        (S = r.__c)
          ? ((n.__c = S), 2 & S.__g && (S.__g |= 1))
          : (D ? (n.__c = S = new F(E, k)) : ((n.__c = S = new b(E, k)), (S.constructor = F), (S.render = se)),
            O && O.sub(S),
            S.state || (S.state = {}),
            (S.__n = i),
            (S.__g |= 8),
            (S.__h = []),
            (S.__k = [])),
        D &&
          (S.__s || (S.__s = S.state),
          F.getDerivedStateFromProps && (S.__s == S.state && (S.__s = g({}, S.__s)), g(S.__s, F.getDerivedStateFromProps(E, S.__s)))),
        (C = S.props),
        (w = S.state),
        (S.__v = n),
        r.__c)
      ) {
        if (
          (E !== C && D && !F.getDerivedStateFromProps && S.componentWillReceiveProps && S.componentWillReceiveProps(E, k),
          (n.__v == r.__v && !(8 & S.__g)) || (!(4 & S.__g) && S.shouldComponentUpdate && !1 === S.shouldComponentUpdate(E, S.__s, k)))
        ) {
          n.__v != r.__v && ((S.props = E), (S.state = S.__s), (S.__g &= -9)),
            (n.__e = r.__e),
            (n.__k = r.__k),
            n.__k.some((e) => {
              e && (e.__ = n);
            }),
            f.push.apply(S.__h, S.__k),
            (S.__k = []),
            S.__h.length && s.push(S),
            (c = x(r));
          break n;
        }
        S.componentWillUpdate && S.componentWillUpdate(E, S.__s, k),
          D &&
            S.componentDidUpdate &&
            S.__h.push(() => {
              S.componentDidUpdate(C, w, T);
            });
      } else
        D && !F.getDerivedStateFromProps && S.componentWillMount && S.componentWillMount(),
          D && S.componentDidMount && S.__h.push(S.componentDidMount);
      (S.context = k), (S.props = E), (S.__P = t), (S.__g &= -5), (A = e.__r), (te = D ? 25 : 0);
      do (S.__g &= -9), A && A(n), (p = S.render(S.props, (S.state = S.__s), S.context));
      while (8 & S.__g && ++te < 25);
      D && (f.push.apply(S.__h, S.__k), (S.__k = [])),
        (S.state = S.__s),
        S.getChildContext && (i = g({}, i, S.getChildContext())),
        D && r.__c && S.getSnapshotBeforeUpdate && (T = S.getSnapshotBeforeUpdate(C, w)),
        (j = p && p.type === y && p.key == null ? p.props.children : p),
        E.__P &&
          ((p = c),
          (a = (t = E.__P).namespaceURI),
          (l = o = null),
          r.props &&
            r.props.__P != t &&
            (r.__k.some((e) => {
              e && oe(e, e);
            }),
            (r.__k = null)),
          (c = r.__k ? x(r, 0) : null)),
        (c = ee(t, m(j) ? j : [j], n, r, i, a, o, s, c, l, d)),
        E.__P && ((n.__e = null), (c = p)),
        (n.__u &= -161),
        h && h.some(_),
        S.__h.length && s.push(S),
        1 & S.__g && (S.__g &= -4);
    } catch (t) {
      if (((s.length = v), (n.__v = null), l || o)) {
        if (t && t.then) {
          if (((n.__u |= 128 | l), o)) {
            for (~(N = o.indexOf(c || void 0)) || (N = o.length); (P = o[N - 1]) && P.nodeType == 8; ) N--;
            for (; N < o.length; N++)
              if ((P = o[N])) {
                if (((o[N] = null), M)) {
                  if (P == ae) break;
                } else {
                  if (P.nodeType != 8) break;
                  P.data.startsWith(`$s`) && (ae = ne((M = P)));
                }
              }
          }
          if (!M) {
            for (; c && c.nodeType == 8 && c.nextSibling; ) c = c.nextSibling;
            M = c;
          }
          (p = ne((M = n.__c.__z || (n.__c.__z = M)))) ? ((n.__e = M), (c = p)) : (n.__e = c), (c &&= c.nextSibling);
        } else o && o.some(_);
      } else n.__e = r.__e;
      (n.__k ||= r.__k || []), (t && t.then) || re(n), e.__e(t, n, r);
    }
  } else c = n.__e = ie(r.__e, n, r, i, a, o, s, l, d, t);
  return ((p = e.diffed) && p(n), c);
}
function ne(e, t) {
  if (e && e.nodeType == 8 && e.data.startsWith(`$s`))
    for (var n = 1; (e = e.nextSibling); ) {
      if (e.nodeType == 8) {
        if (e.data.startsWith(`$s`)) n++;
        else if (e.data.startsWith(`/$s`) && !--n) return e;
      }
      t && t.push(e);
    }
}
function re(e) {
  e && (e.__c && (e.__c.__g |= 4), e.__k && e.__k.some(re));
}
function M(t, n, r) {
  for (var i = 0; i < r.length; ) ae(r[i++], r[i++], r[i++]);
  e.__c && e.__c(n, t),
    t.some((n) => {
      try {
        (t = n.__h),
          (n.__h = []),
          t.some((e) => {
            e.call(n);
          });
      } catch (t) {
        e.__e(t, n.__v);
      }
    });
}
function ie(t, n, r, i, a, o, s, c, l, u) {
  var f,
    g,
    v,
    y,
    b,
    S,
    C,
    w,
    T = r.props || d,
    E = n.props,
    D = n.type;
  if (
    (D == `svg`
      ? (a = `http://www.w3.org/2000/svg`)
      : D == `math`
        ? (a = `http://www.w3.org/1998/Math/MathML`)
        : (a ||= `http://www.w3.org/1999/xhtml`),
    o)
  ) {
    for (f = 0; f < o.length; f++)
      if ((b = o[f]) && (D ? b.localName == D : b.nodeType == 3)) {
        (t = b), (o[f] = null);
        break;
      }
  }
  if (!t) {
    if (((w = u.ownerDocument || document), !D)) return w.createTextNode(E);
    (t = w.createElementNS(a, D, E.is ? E : u)), (c &&= (e.__m && e.__m(n, o), !1)), (o = null);
  }
  if (D) {
    if (
      ((u = (D == `template` && t.content) || t),
      (o = D == `textarea` && E.defaultValue != null ? null : o && h.call(u.childNodes)),
      !c && o)
    )
      for (T = {}, f = 0; f < t.attributes.length; f++) T[(b = t.attributes[f]).name] = b.value;
    for (f in T)
      (b = T[f]),
        f == `dangerouslySetInnerHTML`
          ? (v = b)
          : f == `children` ||
            f in E ||
            (f == `value` && `defaultValue` in E) ||
            (f == `checked` && `defaultChecked` in E) ||
            A(t, f, null, b, a);
    for (f in E)
      (b = E[f]),
        f == `children`
          ? (y = b)
          : f == `dangerouslySetInnerHTML`
            ? (g = b)
            : f == `value`
              ? (S = b)
              : f == `checked`
                ? (C = b)
                : (c && typeof b != `function`) || T[f] === b || A(t, f, b, T[f], a);
    g
      ? (c || (v && (g.__html == v.__html || g.__html == t.innerHTML)) || (t.innerHTML = g.__html), (n.__k = []))
      : (v && (t.textContent = ``),
        (D == `foreignObject` || (a == `http://www.w3.org/1998/Math/MathML` && p.test(D))) && (a = `http://www.w3.org/1999/xhtml`),
        ee(u, m(y) ? y : [y], n, r, i, a, o, s, o ? o[0] : r.__k && x(r, 0), c, l),
        o && o.some(_)),
      (c && D != `textarea`) ||
        ((f = `value`),
        D == `progress` && S == null ? t.removeAttribute(f) : S == null || (S === t[f] && (D != `progress` || S)) || A(t, f, S, T[f], a),
        (f = `checked`),
        C != null && C != t[f] && A(t, f, C, T[f], a));
  } else T === E || (c && t.data == E) || (t.data = E);
  return t;
}
function ae(t, n, r, i) {
  try {
    typeof t == `function`
      ? n
        ? (n.__x = t(n) || 1)
        : (i &&= i.__c || i.__e) && (n = i.__x) && ((i.__x = null), typeof n == `function` ? n() : t(null))
      : (t.current = n);
  } catch (t) {
    e.__e(t, r);
  }
}
function oe(t, n, r) {
  var i, a, o, s;
  if ((e.unmount && e.unmount(t), !(i = t.ref) || (i.current && i.current != t.__e) || ae(i, null, n, t), (i = t.__c))) {
    if (i.componentWillUnmount)
      try {
        i.componentWillUnmount();
      } catch (t) {
        e.__e(t, n);
      }
    i.__P = i.__n = null;
  }
  if ((i = t.__k)) for (s = 0; s < i.length; s++) i[s] && oe(i[s], n, typeof t.type != `function` || (r && !t.props.__P));
  !r && (i = t.__c) && (i = i.__z) && (a = ne(i, (o = []))) && (i == t.__e && o.some(_), _(a), _(i)),
    r || _(t.__e),
    (t.__e = t.__c = t.__ = null);
}
function se(e, t, n) {
  return this.constructor(e, n);
}
function N(t, n) {
  var r, i, a, o;
  e.__ && e.__(t, n),
    n.nodeType == 9 && (n = n.documentElement),
    (i = (r = t && 32 & t.__u) ? null : n.__k),
    (n.__k = v(y, { children: [t] })),
    (a = []),
    (o = []),
    j(n, n.__k, i || d, d, n.namespaceURI, i ? null : n.firstChild ? h.call(n.childNodes) : null, a, i ? i.__e : n.firstChild, r, o),
    M(a, n.__k, o),
    (n.__k.props.children = null);
}
(e = {
  __e: (e, t, n, r) => {
    for (var a, o, s; (t = t.__); )
      if ((a = t.__c) && !(1 & a.__g)) {
        a.__g |= 4;
        try {
          if (
            ((s = (o = a.constructor) && o.getDerivedStateFromError) && a.setState(o.getDerivedStateFromError(e)),
            a.componentDidCatch && (a.componentDidCatch(e, r || {}), (s = 1)),
            s && 8 & a.__g)
          )
            return void (a.__g |= 2);
        } catch (t) {
          e = t;
        }
      }
    throw ((i = 0), e);
  },
}),
  (t = 0),
  (b.prototype.setState = function (e, t) {
    var n = this.__s;
    (n && n != this.state) || (n = this.__s = g({}, this.state)),
      typeof e == `function` && (e = e(g({}, n), this.props)),
      e && (g(n, e), this.__v && (t && this.__k.push(t), w(this)));
  }),
  (b.prototype.forceUpdate = function (e) {
    this.__v && ((this.__g |= 4), e && this.__h.push(e), w(this));
  }),
  (b.prototype.render = y),
  (n = []),
  (i = 0),
  (a = (e, t) => e.__v.__b - t.__v.__b),
  (o = Symbol()),
  (s = /(PointerCapture)$|Capture$/i),
  (c = 0),
  (l = {});
var P,
  F,
  ce,
  le,
  ue = Object.is,
  de = 0,
  fe = [],
  pe = [],
  I = e,
  me = I.__b,
  he = I.__r,
  ge = I.diffed,
  _e = I.__c,
  ve = I.unmount,
  ye = I.__;
function be(e, t) {
  I.__h && I.__h(F, e, de || t), (de = 0);
  var n = F.__H || (F.__H = { __: [], __h: [] });
  return (e >= n.__.length && n.__.push({}), n.__[e]);
}
function L(e) {
  return ((de = 1), xe(Me, e));
}
function xe(e, t, n) {
  var r = be(P++, 2);
  if (
    ((r.t = e),
    !r.__c &&
      ((r.__ = [
        n ? n(t) : Me(void 0, t),
        (e) => {
          var t = (r.__N || r.__)[0],
            n = r.t(t, e);
          ue(t, n) || ((r.__N = [n, r.__[1]]), r.__c.setState({}));
        },
      ]),
      (r.__c = F),
      !F.__f))
  ) {
    F.__f = !0;
    var i = F.shouldComponentUpdate;
    F.shouldComponentUpdate = function (e, t, n) {
      var r = this.__H;
      if (!r) return !0;
      var a = !1,
        o = this.props != e;
      if (
        (r.__.some((e) => {
          e.__N && ((a = !0), ue(e.__[0], e.__N[0]) || (o = !0));
        }),
        i)
      ) {
        var s = i.call(this, e, t, n);
        return a ? s || o : s;
      }
      return !a || o;
    };
  }
  return r.__;
}
function R(e, t) {
  var n = be(P++, 3);
  !I.__s && je(n.__H, t) && ((n.__P = !0), (n.__ = e), (n.u = t), F.__H.__h.push(n));
}
function Se(e, t) {
  var n = be(P++, 4);
  !I.__s && je(n.__H, t) && ((n.__P = !1), (n.__ = e), (n.u = t), F.__h.push(n));
}
function z(e) {
  return ((de = 5), Ce(() => ({ current: e }), []));
}
function Ce(e, t) {
  var n = be(P++, 7);
  return (je(n.__H, t) && ((n.__ = e()), (n.__H = t)), n.__);
}
function we() {
  var e = be(P++, 11);
  if (!e.__) {
    for (var t = F.__v; !t.__m && t.__; ) t = t.__;
    var n = t.__m || (t.__m = [0, 0]);
    e.__ = `P` + n[0] + `-` + n[1]++;
  }
  return e.__;
}
function Te() {
  var e;
  do {
    for (; (e = pe.shift()); )
      try {
        ke(e);
      } catch (t) {
        I.__e(t, { __: (e = e.__P) && e.__v });
      }
    for (; (e = fe.shift()); ) {
      var t = e.__H;
      if (e.__P && t)
        try {
          t.__h.some(ke), t.__h.some(Ae), (t.__h = []);
        } catch (n) {
          (t.__h = []), I.__e(n, e.__v);
        }
    }
  } while (pe.length);
}
(I.__b = (e) => {
  (F = null), me && me(e);
}),
  (I.__ = (e, t) => {
    e && t.__k && t.__k.__m && (e.__m = t.__k.__m), ye && ye(e, t);
  }),
  (I.__r = (e) => {
    he && he(e), (P = 0);
    var t = (F = e.__c).__H;
    t &&
      (ce == F ? (F.__h = []) : (t.__h.some(ke), t.__h.some(Ae), (P = 0)),
      (t.__h = []),
      t.__.some((e) => {
        e.__N && (e.__ = e.__N), (e.u = e.__N = void 0);
      })),
      (ce = F);
  }),
  (I.diffed = (e) => {
    ge && ge(e);
    var t = e.__c;
    t &&
      t.__H &&
      (t.__H.__h.length && Oe(fe.push(t)),
      t.__H.__.some((e) => {
        e.u && (e.__H = e.u);
      })),
      (ce = F = null);
  }),
  (I.__c = (e, t) => {
    t.some((e) => {
      try {
        e.__h.some(ke), (e.__h = e.__h.filter((e) => !e.__ || Ae(e)));
      } catch (t) {
        e.__h = [
          () => {
            throw t;
          },
        ];
      }
    }),
      _e && _e(e, t);
  }),
  (I.unmount = (e) => {
    ve && ve(e);
    var t,
      n,
      r = e.__c;
    r &&
      r.__H &&
      (r.__H.__.some((r) => {
        try {
          if (r.__P && r.__c) {
            if (n === void 0) {
              for (n = e.__; n && (!n.__c || !n.__c.__P); ) n = n.__;
              n &&= n.__c;
            }
            (r.__P = n), Oe(pe.push(r));
          } else ke(r);
        } catch (e) {
          t = e;
        }
      }),
      (r.__H = void 0),
      t && I.__e(t, r.__v));
  });
var Ee = typeof requestAnimationFrame == `function`;
function De(e) {
  var t,
    n = () => {
      clearTimeout(r), Ee && cancelAnimationFrame(t), setTimeout(e);
    },
    r = setTimeout(n, 35);
  Ee && (t = requestAnimationFrame(n));
}
function Oe(e) {
  (e != 1 && le == I.requestAnimationFrame) || ((le = I.requestAnimationFrame) || De)(Te);
}
function ke(e) {
  var t = F,
    n = e.__c;
  typeof n == `function` && ((e.__c = void 0), n()), (F = t);
}
function Ae(e) {
  var t = F;
  (e.__c = e.__()), (F = t);
}
function je(e, t) {
  return !e || e.length != t.length || t.some((t, n) => !ue(t, e[n]));
}
function Me(e, t) {
  return typeof t == `function` ? t(e) : t;
}
var Ne = class extends Error {
    status;
    code;
    constructor(e, t, n) {
      super(n), (this.status = e), (this.code = t);
    }
  },
  Pe = () => {};
function Fe(e) {
  Pe = e;
}
async function B(e, t, n = {}) {
  const r = { accept: `application/json` };
  n.body !== void 0 && (r[`content-type`] = `application/json`);
  let i;
  try {
    i = await fetch(`/api${t}`, {
      method: e,
      headers: r,
      body: n.body === void 0 ? void 0 : JSON.stringify(n.body),
      credentials: `same-origin`,
    });
  } catch {
    throw new Ne(0, `NETWORK`, `Podkeys could not be reached. Check your connection and try again.`);
  }
  if (i.status === 204) return;
  const a = await i.json().catch(() => void 0);
  if (i.ok) return a;
  const o = a?.error;
  throw (
    i.status === 401 && !n.quiet401 && Pe(),
    new Ne(i.status, o?.code ?? `INTERNAL_ERROR`, Ie(o?.message) ?? `Something went wrong (HTTP ${i.status}). Try again.`)
  );
}
function Ie(e) {
  return e?.replace(/^Invalid json: /, ``);
}
function Le(e) {
  const t = new URLSearchParams();
  for (const [n, r] of Object.entries(e)) r !== void 0 && t.set(n, String(r));
  const n = t.toString();
  return n ? `?${n}` : ``;
}
var V = {
  setupStatus: () => B(`GET`, `/setup`),
  setup: (e) => B(`POST`, `/setup`, { body: e, quiet401: !0 }),
  login: (e) => B(`POST`, `/auth/login`, { body: e, quiet401: !0 }),
  loginTwoFactor: (e) => B(`POST`, `/auth/login/two-factor`, { body: e, quiet401: !0 }),
  logout: () => B(`POST`, `/auth/logout`, { quiet401: !0 }),
  me: () => B(`GET`, `/me`, { quiet401: !0 }),
  changePassword: (e) => B(`POST`, `/me/password`, { body: e }),
  listSessions: () => B(`GET`, `/me/sessions`),
  endSession: (e) => B(`DELETE`, `/me/sessions/${encodeURIComponent(e)}`),
  endOtherSessions: () => B(`DELETE`, `/me/sessions`),
  listKeys: (e = {}) => B(`GET`, `/keys${Le(e)}`),
  createKey: (e) => B(`POST`, `/keys`, { body: e }),
  rollKey: (e, t) => B(`POST`, `/keys/${e}/roll`, { body: { graceSeconds: t } }),
  setKeyEnabled: (e, t) => B(`PATCH`, `/keys/${e}`, { body: { enabled: t } }),
  updateKey: (e, t) => B(`PATCH`, `/keys/${e}`, { body: t }),
  keyUsage: (e, t) => B(`GET`, `/keys/${e}/usage${Le({ days: t })}`),
  deleteExpiredKeys: (e) => B(`POST`, `/keys/delete-expired${Le({ userId: e })}`),
  deleteKey: (e) => B(`DELETE`, `/keys/${e}`),
  origin: () => B(`GET`, `/me/origin`),
  linkOrigin: (e) => B(`PUT`, `/me/origin`, { body: e }),
  unlinkOrigin: () => B(`DELETE`, `/me/origin`),
  listOriginLinks: () => B(`GET`, `/origin/links`),
  listAudit: (e = {}) => B(`GET`, `/audit${Le(e)}`),
  twoFactorStatus: () => B(`GET`, `/me/two-factor`),
  enrolTwoFactor: () => B(`POST`, `/me/two-factor`),
  confirmTwoFactor: (e) => B(`POST`, `/me/two-factor/confirm`, { body: { code: e } }),
  disableTwoFactor: (e) => B(`DELETE`, `/me/two-factor`, { body: { code: e } }),
  listUsers: () => B(`GET`, `/users`),
  resetPassword: (e, t) => B(`POST`, `/users/${e}/password`, { body: { newPassword: t } }),
  resetTwoFactor: (e) => B(`DELETE`, `/users/${e}/two-factor`),
  createUser: (e) => B(`POST`, `/users`, { body: e }),
  changeRole: (e, t) => B(`PATCH`, `/users/${e}`, { body: { role: t } }),
  deleteUser: (e) => B(`DELETE`, `/users/${e}`),
};
function H(e) {
  return e instanceof Ne ? e.message : `Something went wrong. Try again.`;
}
var Re = Symbol.for(`pv`),
  ze = 0;
Array.isArray;
function U(t, n, r, i, a, o) {
  n ||= {};
  var s,
    c,
    l = n;
  if (`ref` in l && typeof t != `function`) for (c in ((l = {}), n)) c == `ref` ? (s = n[c]) : (l[c] = n[c]);
  var u = {
    type: t,
    props: l,
    key: r,
    ref: s,
    __k: null,
    __: null,
    __b: 0,
    __e: null,
    __c: null,
    constructor: Re,
    __v: --ze,
    __i: -1,
    __u: 0,
  };
  return ((a || o) && ((u.__source = a), (u.__self = o)), e.vnode && e.vnode(u), u);
}
var Be = `podkeys.openSections`;
function Ve() {
  try {
    return JSON.parse(localStorage.getItem(Be) ?? `{}`);
  } catch {
    return {};
  }
}
function He(e, t) {
  try {
    localStorage.setItem(Be, JSON.stringify({ ...Ve(), [e]: t }));
  } catch {}
}
var Ue = (e) => location.hash === `#${e}`;
function W({ id: e, title: t, summary: n, children: r, openOnArrival: i = !1 }) {
  const [a, o] = L(() => i || Ue(e) || Ve()[e] === !0),
    s = z(null);
  R(() => {
    const t = () => {
      Ue(e) && (o(!0), i || He(e, !0), s.current?.scrollIntoView({ block: `start` }));
    };
    return (t(), addEventListener(`hashchange`, t), () => removeEventListener(`hashchange`, t));
  }, [e]);
  function c() {
    o(!a), i || He(e, !a);
  }
  const l = `${e}-panel`;
  return U(`section`, {
    ref: s,
    id: e,
    class: `section`,
    children: [
      U(`h2`, {
        class: `section-heading`,
        children: U(`button`, {
          type: `button`,
          class: `section-toggle`,
          "aria-expanded": a,
          "aria-controls": l,
          onClick: c,
          children: [
            U(`span`, { class: `section-title`, children: t }),
            U(`span`, { class: `section-summary`, children: n }),
            U(`svg`, {
              class: `chevron`,
              viewBox: `0 0 16 16`,
              "aria-hidden": `true`,
              children: U(`path`, {
                d: `M4 6l4 4 4-4`,
                fill: `none`,
                stroke: `currentColor`,
                "stroke-width": `1.75`,
                "stroke-linecap": `round`,
                "stroke-linejoin": `round`,
              }),
            }),
          ],
        }),
      }),
      U(`div`, { id: l, class: `section-body`, hidden: !a, children: a && r }),
    ],
  });
}
function We({ what: e, reason: t, onRetry: n }) {
  return U(`div`, {
    class: `empty`,
    role: `alert`,
    children: [
      U(`p`, { children: [e, ` could not be loaded. `, t] }),
      U(`button`, { type: `button`, class: `button`, onClick: n, children: `Try again` }),
    ],
  });
}
function G(e) {
  const [t, n] = L(!1),
    [r, i] = L();
  async function a() {
    n(!0), i(void 0);
    try {
      await e();
    } catch (e) {
      i(H(e));
    } finally {
      n(!1);
    }
  }
  function o(e) {
    e.preventDefault(), a();
  }
  return { busy: t, error: r, setError: i, run: a, submit: o };
}
function Ge(e = 6e4) {
  const [, t] = L(0);
  return (
    R(() => {
      const n = setInterval(() => t((e) => e + 1), e);
      return () => clearInterval(n);
    }, [e]),
    Date.now()
  );
}
var Ke = new Intl.DateTimeFormat(void 0, { dateStyle: `medium`, timeStyle: `short` }),
  qe = new Intl.DateTimeFormat(void 0, { dateStyle: `medium` }),
  Je = new Intl.RelativeTimeFormat(void 0, { numeric: `always` }),
  Ye = 6e4,
  Xe = 60 * Ye,
  Ze = 24 * Xe;
function K(e) {
  const t = new Date(e);
  return Number.isNaN(t.getTime()) ? e : Ke.format(t);
}
function Qe(e) {
  const t = new Date(e);
  return Number.isNaN(t.getTime()) ? e : qe.format(t);
}
function $e(e, t) {
  const n = new Date(e).getTime() - t,
    r = Math.abs(n);
  if (Number.isNaN(r)) return e;
  if (r < Ye) return n <= 0 ? `just now` : `in under a minute`;
  for (const [e, t, i] of tt) {
    const a = Math.round(r / t);
    if (a < i) return Je.format(Math.sign(n) * a, e);
  }
  return Je.format(Math.sign(n) * Math.round(r / (365 * Ze)), `year`);
}
function et(e, t) {
  return $e(e, Math.max(t, new Date(e).getTime()));
}
var tt = [
    [`minute`, Ye, 60],
    [`hour`, Xe, 24],
    [`day`, Ze, 60],
    [`month`, 30 * Ze, 24],
  ],
  nt = typeof Intl.DisplayNames == `function` ? new Intl.DisplayNames(void 0, { type: `region` }) : void 0;
function rt(e) {
  try {
    return nt?.of(e.toUpperCase()) ?? e;
  } catch {
    return e;
  }
}
var it = {
  "key.created": `Key created`,
  "key.renamed": `Key renamed`,
  "key.rolled": `Key rolled`,
  "key.disabled": `Key disabled`,
  "key.enabled": `Key enabled`,
  "key.deleted": `Key deleted`,
  "user.created": `User created`,
  "user.role_changed": `Role changed`,
  "user.deleted": `User deleted`,
  "user.password_reset": `Password reset`,
  "user.two_factor_reset": `Two-factor sign-in reset`,
  "auth.login": `Signed in`,
  "auth.login_failed": `Sign-in failed`,
  "auth.two_factor_enabled": `Two-factor sign-in turned on`,
  "auth.two_factor_disabled": `Two-factor sign-in turned off`,
  "auth.recovery_code_used": `Recovery code used`,
  "session.ended": `Session ended`,
  "origin.linked": `Podcast server linked`,
  "origin.unlinked": `Podcast server unlinked`,
  "origin.link_failed": `Podcast server link refused`,
};
function at(e) {
  const t = {};
  for (const [, n, r] of (e.detail ?? ``).matchAll(/(\w+)=(.*?)(?=\s\w+=|$)/g)) t[n] = r;
  return t;
}
function ot(e) {
  if (!e) return;
  const [t, n] = e % 86400 == 0 ? [e / 86400, `day`] : e % 3600 == 0 ? [e / 3600, `hour`] : [Math.round(e / 60), `minute`];
  return `${t} ${n}${t === 1 ? `` : `s`}`;
}
function st(e) {
  const t = at(e);
  switch (e.type) {
    case `key.rolled`: {
      if (t.graceSeconds === void 0) return;
      const e = ot(Number(t.graceSeconds)),
        n = t.newKeyHint ? `, replaced by ${t.newKeyHint}` : ``;
      return e ? `old key kept working ${e}${n}` : `old key stopped at once${n}`;
    }
    case `key.renamed`:
      return [t.previousName && `was “${t.previousName}”`, t.note && `note ${t.note}`].filter(Boolean).join(`, `) || void 0;
    case `key.deleted`:
      return t.reason === `expired` ? `it had expired` : void 0;
    default:
      return !e.type.startsWith(`user.`) || !t.role ? void 0 : `→ ${t.role.startsWith(`admin`) ? `administrator` : `standard user`}`;
  }
}
function ct({ event: e, now: t }) {
  const { actor: n, target: r, targetOwner: i } = e,
    a = st(e),
    o = r.type === `key` && i && i.id !== n?.id ? i.username : void 0,
    s = n !== null && r.type === `user` && n.id === r.id;
  return U(`li`, {
    class: e.type === `auth.login_failed` ? `event event-warning` : `event`,
    children: [
      U(`p`, {
        class: `event-what`,
        children: [
          U(`strong`, { children: it[e.type] ?? e.type }),
          `: `,
          U(`span`, { children: r.type === `key` ? `“${r.name}”` : r.name }),
          r.hint && U(y, { children: [` `, U(`code`, { class: `hint-code`, children: r.hint })] }),
          o && U(`span`, { class: `muted`, children: [` of `, o] }),
          a && U(`span`, { class: `muted`, children: [` `, a.startsWith(`→`) ? a : `(${a})`] }),
        ],
      }),
      U(`p`, {
        class: `event-meta muted`,
        children: [
          U(`time`, { dateTime: e.createdAt, title: K(e.createdAt), children: et(e.createdAt, t) }),
          ` `,
          `(`,
          K(e.createdAt),
          `)`,
          n
            ? !(s && e.type.startsWith(`auth.`)) &&
              U(`span`, { children: [` · by `, s ? `themself` : n.username, n.keyId !== null && ` via key #${n.keyId}`] })
            : U(`span`, { children: [` · `, e.type === `user.created` ? `at first-run setup` : `by someone not signed in`] }),
          e.ip && U(y, { children: [` · from `, U(`code`, { children: e.ip })] }),
        ],
      }),
    ],
  });
}
var lt = Object.keys(it);
function ut({ isAdmin: e, users: t }) {
  const [n, r] = L(),
    [i, a] = L(null),
    [o, s] = L(),
    [c, l] = L({}),
    [u, d] = L(new Map()),
    f = Ge(),
    p = z(0);
  function m(e) {
    d((t) => {
      const n = new Map(t);
      for (const { target: t } of e) t.type === `key` && !n.has(t.id) && n.set(t.id, t);
      return n;
    });
  }
  async function h() {
    const e = ++p.current;
    s(void 0), r(void 0);
    try {
      const t = await V.listAudit({ limit: 20, ...c });
      if (e !== p.current) return;
      r(t.events), a(t.nextCursor), m(t.events);
    } catch (t) {
      e === p.current && s(H(t));
    }
  }
  const g = G(async () => {
    const e = await V.listAudit({ cursor: i ?? void 0, limit: 20, ...c });
    r((t) => [...(t ?? []), ...e.events]), a(e.nextCursor), m(e.events);
  });
  R(() => {
    h();
  }, [c.type, c.userId, c.keyId]);
  const _ = c.type !== void 0 || c.userId !== void 0 || c.keyId !== void 0,
    v = (e) => l({ ...c, ...e }),
    y = (e) => (e ? Number(e) : void 0);
  return U(`div`, {
    class: `stack`,
    children: [
      U(`p`, {
        class: `section-intro`,
        children: e
          ? `Everything that happened to keys and users, newest first, with who did it and from where.`
          : `What happened to your keys and your account, newest first, with who did it and from where.`,
      }),
      U(`div`, {
        class: `filters`,
        role: `group`,
        "aria-label": `Filter the activity`,
        children: [
          U(`label`, {
            class: `inline-field`,
            children: [
              U(`span`, { children: `Event` }),
              U(`select`, {
                value: c.type ?? ``,
                onChange: (e) => v({ type: e.currentTarget.value || void 0 }),
                children: [
                  U(`option`, { value: ``, children: `All events` }),
                  lt.map((e) => U(`option`, { value: e, children: it[e] }, e)),
                ],
              }),
            ],
          }),
          e &&
            t &&
            U(`label`, {
              class: `inline-field`,
              children: [
                U(`span`, { children: `User` }),
                U(`select`, {
                  value: c.userId ?? ``,
                  onChange: (e) => v({ userId: y(e.currentTarget.value) }),
                  children: [
                    U(`option`, { value: ``, children: `Everyone` }),
                    t.map((e) => U(`option`, { value: e.id, children: e.username }, e.id)),
                  ],
                }),
              ],
            }),
          U(`label`, {
            class: `inline-field`,
            children: [
              U(`span`, { children: `Key` }),
              U(`select`, {
                value: c.keyId ?? ``,
                onChange: (e) => v({ keyId: y(e.currentTarget.value) }),
                children: [
                  U(`option`, { value: ``, children: `All keys` }),
                  [...u].map(([e, t]) => U(`option`, { value: e, children: [t.name, t.hint ? ` (${t.hint})` : ``] }, e)),
                ],
              }),
            ],
          }),
        ],
      }),
      U(`div`, {
        class: `list-area`,
        "aria-busy": n === void 0 && !o,
        children: o
          ? U(We, { what: `The activity`, reason: o, onRetry: h })
          : n === void 0
            ? U(`p`, { class: `muted`, role: `status`, children: `Loading activity…` })
            : n.length === 0 && _
              ? U(`div`, {
                  class: `empty`,
                  children: [
                    U(`p`, { class: `empty-title`, children: `No events match these filters` }),
                    U(`button`, { type: `button`, class: `button`, onClick: () => l({}), children: `Show all events` }),
                  ],
                })
              : n.length === 0
                ? U(`div`, {
                    class: `empty`,
                    children: [
                      U(`p`, { class: `empty-title`, children: `Nothing has happened yet` }),
                      U(`p`, { children: `Creating, rolling, disabling and deleting keys will show here.` }),
                    ],
                  })
                : U(`ol`, { class: `event-list`, children: n.map((e) => U(ct, { event: e, now: f }, e.id)) }),
      }),
      n &&
        i &&
        U(`div`, {
          children: [
            U(`p`, { class: `form-error`, role: `alert`, children: g.error }),
            U(`button`, {
              type: `button`,
              class: `button`,
              onClick: g.run,
              disabled: g.busy,
              "aria-busy": g.busy,
              children: g.busy ? `Loading…` : `Load more`,
            }),
          ],
        }),
    ],
  });
}
function q({ title: e, children: t, onDismiss: n, returnFocus: r, tone: i }) {
  const a = z(null),
    o = we(),
    s = z(n);
  s.current = n;
  const c = z(!0);
  return (
    R(() => {
      const e = a.current,
        t = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return (
        e.showModal(),
        () => {
          (c.current = !1),
            setTimeout(() => {
              (t && t !== document.body && t.isConnected && !t.closest(`dialog`) ? t : r?.())?.focus();
            });
        }
      );
    }, []),
    U(`dialog`, {
      ref: a,
      class: i === `danger` ? `dialog dialog-danger` : `dialog`,
      "aria-modal": `true`,
      "aria-labelledby": o,
      closedby: n ? `closerequest` : `none`,
      onCancel: (e) => {
        e.preventDefault(), s.current?.();
      },
      onClose: () => {
        c.current && (s.current ? s.current() : a.current?.showModal());
      },
      children: [U(`h2`, { id: o, class: `dialog-title`, children: e }), t],
    })
  );
}
function J({ label: e, value: t, onValue: n, hint: r, type: i, invalid: a, ...o }) {
  const s = we(),
    c = i === `password` ? { type: `password` } : { type: `text` };
  return U(`div`, {
    class: `field`,
    children: [
      U(`label`, { for: s, children: e }),
      U(`input`, {
        id: s,
        value: t,
        onInput: (e) => n(e.currentTarget.value),
        ref: (e) => e?.setCustomValidity(a ?? ``),
        "aria-describedby": r ? `${s}-hint` : void 0,
        ...c,
        ...o,
      }),
      r && U(`p`, { id: `${s}-hint`, class: `hint`, children: r }),
    ],
  });
}
function Y({ message: e }) {
  return U(`p`, { class: `form-error`, role: `alert`, children: e });
}
function dt({ label: e = `Password`, hint: t = `At least 10 characters.`, ...n }) {
  return U(J, { label: e, hint: t, type: `password`, required: !0, minLength: 10, maxLength: 1024, autocomplete: `new-password`, ...n });
}
function ft({ error: e, done: t, busy: n, label: r, busyLabel: i }) {
  return U(y, {
    children: [
      U(Y, { message: e }),
      U(`p`, { class: `success`, role: `status`, children: t }),
      U(`button`, { type: `submit`, class: `button button-primary`, disabled: n, children: n ? i : r }),
    ],
  });
}
function pt({ error: e, busy: t, label: n, busyLabel: r, onCancel: i }) {
  return U(y, {
    children: [
      U(Y, { message: e }),
      U(`div`, {
        class: `dialog-actions`,
        children: [
          U(`button`, { type: `button`, class: `button`, onClick: i, disabled: t, children: `Cancel` }),
          U(`button`, { type: `submit`, class: `button button-primary`, disabled: t, "aria-busy": t, children: t ? r : n }),
        ],
      }),
    ],
  });
}
var mt = 30,
  ht = 7;
function gt(e, t) {
  const n = e.expiresAt === null ? null : new Date(e.expiresAt).getTime();
  if (n !== null && n <= t) return { state: `expired`, label: `Expired` };
  if (e.replacedById !== null) return { state: `replaced`, label: `Replaced, stops ${$e(e.expiresAt, t)}` };
  if (!e.enabled) return { state: `disabled`, label: `Disabled` };
  if (n === null) return { state: `active`, label: `Active` };
  const r = Math.round((n - t) / Ze);
  return r <= mt
    ? { state: r <= ht ? `expiring` : `active`, label: `Expires ${$e(e.expiresAt, t)}` }
    : { state: `active`, label: `Expires ${Qe(e.expiresAt)}` };
}
var _t = { read: `Read only`, full: `Full access` },
  vt = [
    [`never`, `Never`],
    [`7`, `In 7 days`],
    [`30`, `In 30 days`],
    [`90`, `In 90 days`],
    [`365`, `In 365 days`],
    [`custom`, `On a date I choose`],
  ],
  yt = {
    read: `Can read, never change: GET requests only. Enough for podcast apps.`,
    full: `Can also create, roll, disable and delete your keys. Never users or passwords.`,
  };
function bt(e) {
  const t = (e) => String(e).padStart(2, `0`);
  return `${e.getFullYear()}-${t(e.getMonth() + 1)}-${t(e.getDate())}`;
}
function xt(e, t, n) {
  if (e !== `never`)
    return e === `custom` ? (t ? new Date(`${t}T23:59:59`).toISOString() : void 0) : new Date(n + Number(e) * Ze).toISOString();
}
function St({ onCreated: e, onCancel: t }) {
  const [n, r] = L(``),
    [i, a] = L(`90`),
    [o, s] = L(``),
    [c, l] = L(`read`),
    { busy: u, error: d, submit: f } = G(async () => e(await V.createKey({ name: n, scope: c, expiresAt: xt(i, o, Date.now()) }))),
    p = i === `never` || i === `custom` ? void 0 : xt(i, o, Date.now());
  return U(q, {
    title: `Create API key`,
    onDismiss: u ? void 0 : t,
    children: U(`form`, {
      onSubmit: f,
      children: [
        U(J, {
          label: `Name`,
          value: n,
          onValue: r,
          hint: `Where the key will be used, so you can recognise it later: “Kodi living room”, “AntennaPod on my phone”.`,
          required: !0,
          maxLength: 100,
          autocomplete: `off`,
          autofocus: !0,
        }),
        U(`div`, {
          class: `field`,
          children: [
            U(`label`, { for: `new-key-expiry`, children: `Expires` }),
            U(`select`, {
              id: `new-key-expiry`,
              "aria-describedby": `new-key-expiry-hint`,
              value: i,
              onChange: (e) => a(e.currentTarget.value),
              children: vt.map(([e, t]) => U(`option`, { value: e, children: t }, e)),
            }),
            i === `never`
              ? U(`p`, {
                  id: `new-key-expiry-hint`,
                  class: `warning`,
                  children: `A key that never expires works until someone deletes it — also when it leaks and nobody notices. Choose an expiry unless this key must run unattended for years (this server may still set a maximum lifetime).`,
                })
              : U(`p`, {
                  id: `new-key-expiry-hint`,
                  class: `hint`,
                  children: p ? `Stops working ${K(p)}.` : `Works through the end of that day.`,
                }),
          ],
        }),
        i === `custom` &&
          U(`div`, {
            class: `field`,
            children: [
              U(`label`, { for: `new-key-expiry-day`, children: `Expiry date` }),
              U(`input`, {
                id: `new-key-expiry-day`,
                type: `date`,
                required: !0,
                min: bt(new Date()),
                value: o,
                onInput: (e) => s(e.currentTarget.value),
              }),
            ],
          }),
        U(`fieldset`, {
          class: `field choices`,
          children: [
            U(`legend`, { children: `Access` }),
            [`read`, `full`].map((e) =>
              U(
                `div`,
                {
                  class: `choice`,
                  children: [
                    U(`input`, {
                      id: `new-key-scope-${e}`,
                      type: `radio`,
                      name: `new-key-scope`,
                      value: e,
                      checked: c === e,
                      onChange: () => l(e),
                      "aria-describedby": `new-key-scope-${e}-hint`,
                    }),
                    U(`label`, { for: `new-key-scope-${e}`, children: _t[e] }),
                    U(`p`, { id: `new-key-scope-${e}-hint`, class: `hint`, children: yt[e] }),
                  ],
                },
                e,
              ),
            ),
          ],
        }),
        U(pt, { error: d, busy: u, label: `Create key`, busyLabel: `Creating…`, onCancel: t }),
      ],
    }),
  });
}
function Ct({ title: e, children: t, confirmLabel: n, onConfirm: r, onCancel: i, returnFocus: a }) {
  const { busy: o, error: s, run: c } = G(r);
  return U(q, {
    title: e,
    tone: `danger`,
    onDismiss: o ? void 0 : i,
    returnFocus: a,
    children: [
      U(`div`, { class: `dialog-body`, children: t }),
      U(Y, { message: s }),
      U(`div`, {
        class: `dialog-actions`,
        children: [
          U(`button`, { type: `button`, class: `button`, onClick: i, disabled: o, autofocus: !0, children: `Cancel` }),
          U(`button`, {
            type: `button`,
            class: `button button-danger`,
            onClick: c,
            disabled: o,
            "aria-busy": o,
            children: o ? `Deleting…` : n,
          }),
        ],
      }),
    ],
  });
}
function wt({ userId: e, showOwner: t, onDeleted: n, onCancel: r, returnFocus: i }) {
  const [a, o] = L(),
    [s, c] = L();
  R(() => {
    V.listKeys({ userId: e }).then(
      ({ keys: e }) => o(e.filter((e) => e.expiresAt !== null && Date.parse(e.expiresAt) <= Date.now())),
      (e) => c(H(e)),
    );
  }, [e]);
  const l = a?.length;
  return U(Ct, {
    title: l === 1 ? `Delete 1 expired key?` : l === void 0 ? `Delete expired keys?` : `Delete ${l} expired keys?`,
    confirmLabel: `Delete expired keys`,
    onCancel: r,
    returnFocus: i,
    onConfirm: async () => n((await V.deleteExpiredKeys(e)).deleted),
    children: [
      U(`p`, {
        children: `These keys no longer work: their expiry has passed, or they were replaced by a roll whose grace is over. Deleting them is permanent and only tidies the list.`,
      }),
      s
        ? U(`p`, { class: `form-error`, children: s })
        : a === void 0
          ? U(`p`, { class: `muted`, children: `Finding expired keys…` })
          : U(`ul`, {
              class: `expired-list`,
              children: a.map((e) =>
                U(
                  `li`,
                  {
                    children: [
                      U(`strong`, { children: e.name }),
                      ` `,
                      U(`code`, { class: `hint-code`, children: e.hint }),
                      t && U(`span`, { class: `muted`, children: [` · `, e.owner.username] }),
                      U(`span`, { class: `muted`, children: [` · expired `, K(e.expiresAt)] }),
                    ],
                  },
                  e.id,
                ),
              ),
            }),
    ],
  });
}
function Tt({ apiKey: e, me: t, onDeleted: n, onCancel: r, returnFocus: i }) {
  const a = e.owner.id !== t.id;
  return U(Ct, {
    title: `Delete “${e.name}”?`,
    confirmLabel: `Delete key`,
    onCancel: r,
    returnFocus: i,
    onConfirm: async () => {
      await V.deleteKey(e.id), n();
    },
    children: [
      U(`p`, {
        children: [
          `Deleting this key is permanent. Any application using it loses access instantly`,
          a ? `, and ${e.owner.username} will need to create a new one` : ``,
          `.`,
          e.enabled && ` To pause it instead, disable it: that can be undone.`,
        ],
      }),
      U(`p`, {
        class: `muted`,
        children: [`Key `, U(`code`, { class: `hint-code`, children: e.hint }), `, created `, K(e.createdAt), `.`],
      }),
    ],
  });
}
function Et({ apiKey: e, onSaved: t, onCancel: n }) {
  const [r, i] = L(e.name),
    [a, o] = L(e.note ?? ``),
    s = we(),
    {
      busy: c,
      error: l,
      submit: u,
    } = G(async () => {
      const n = { ...(r !== e.name && { name: r }), ...(a !== (e.note ?? ``) && { note: a }) };
      t(Object.keys(n).length === 0 ? e : (await V.updateKey(e.id, n)).apiKey);
    });
  return U(q, {
    title: `Rename or add a note to “${e.name}”`,
    onDismiss: c ? void 0 : n,
    children: U(`form`, {
      onSubmit: u,
      children: [
        U(J, { label: `Name`, value: r, onValue: i, required: !0, maxLength: 100, autocomplete: `off`, autofocus: !0 }),
        U(`div`, {
          class: `field`,
          children: [
            U(`label`, { for: s, children: `Note (optional)` }),
            U(`textarea`, {
              id: s,
              rows: 3,
              maxLength: 500,
              value: a,
              "aria-describedby": `${s}-hint`,
              onInput: (e) => o(e.currentTarget.value),
            }),
            U(`p`, {
              id: `${s}-hint`,
              class: `hint`,
              children: [
                `Where the key runs, who to ask before deleting it. Plain text, up to `,
                500,
                ` characters (`,
                500 - a.length,
                ` left).`,
              ],
            }),
          ],
        }),
        U(pt, { error: l, busy: c, label: `Save`, busyLabel: `Saving…`, onCancel: n }),
      ],
    }),
  });
}
var Dt = 600,
  Ot = 120,
  kt = 2;
function At(e) {
  const t = e.reduce((e, t) => e + t.valid, 0),
    n = e.reduce((e, t) => e + t.refused, 0);
  return `${((e) => (e === 1 ? `1 check` : `${e} checks`))(t)} accepted and ${n} refused ${e.length === 1 ? `today` : `in the last ${e.length} days`}`;
}
var jt = (e) => Qe(`${e}T12:00:00Z`);
function Mt({ days: e }) {
  const t = Math.max(0, ...e.map((e) => e.valid + e.refused)),
    n = Math.max(1, t),
    r = Dt / e.length,
    i = (e) => (e / n) * 116,
    a = At(e);
  return U(`figure`, {
    class: `usage`,
    children: [
      U(`svg`, {
        class: `usage-chart`,
        viewBox: `0 0 ${Dt} ${Ot}`,
        role: `img`,
        "aria-label": `Checks per day: ${a}`,
        preserveAspectRatio: `none`,
        children: [
          U(`line`, { class: `usage-axis`, x1: `0`, x2: Dt, y1: 119.5, y2: 119.5 }),
          e.map((e, t) => {
            const n = i(e.valid),
              a = i(e.refused),
              o = t * r + kt / 2;
            return U(
              `g`,
              {
                children: [
                  U(`title`, { children: `${jt(e.date)}: ${e.valid} accepted, ${e.refused} refused` }),
                  n > 0 && U(`rect`, { class: `usage-valid`, x: o, width: r - kt, y: Ot - n, height: n }),
                  a > 0 && U(`rect`, { class: `usage-refused`, x: o, width: r - kt, y: Ot - n - a, height: a }),
                ],
              },
              e.date,
            );
          }),
        ],
      }),
      U(`figcaption`, {
        class: `usage-caption`,
        children: [
          U(`span`, { children: jt(e[0].date) }),
          U(`span`, {
            class: `usage-legend`,
            children: [
              U(`span`, { class: `legend-valid`, children: `accepted` }),
              ` `,
              U(`span`, { class: `legend-refused`, children: `refused` }),
              ` · at most `,
              t,
              ` a day`,
            ],
          }),
          U(`span`, { children: [jt(e.at(-1).date), ` (today, UTC)`] }),
        ],
      }),
      U(`details`, {
        class: `usage-table`,
        children: [
          U(`summary`, { children: `The days as a table` }),
          U(`table`, {
            children: [
              U(`caption`, { class: `visually-hidden`, children: a }),
              U(`thead`, {
                children: U(`tr`, {
                  children: [
                    U(`th`, { scope: `col`, children: `Day (UTC)` }),
                    U(`th`, { scope: `col`, children: `Accepted` }),
                    U(`th`, { scope: `col`, children: `Refused` }),
                  ],
                }),
              }),
              U(`tbody`, {
                children: [...e]
                  .reverse()
                  .map((e) =>
                    U(
                      `tr`,
                      {
                        children: [
                          U(`th`, { scope: `row`, children: jt(e.date) }),
                          U(`td`, { children: e.valid }),
                          U(`td`, { children: e.refused }),
                        ],
                      },
                      e.date,
                    ),
                  ),
              }),
            ],
          }),
        ],
      }),
    ],
  });
}
function Nt({ apiKey: e, now: t, onClose: n }) {
  const [r, i] = L(),
    [a, o] = L();
  return (
    R(() => {
      V.keyUsage(e.id, 30).then(
        (e) => i(e.days),
        (e) => o(H(e)),
      );
    }, [e.id]),
    U(q, {
      title: `“${e.name}”`,
      onDismiss: n,
      children: [
        U(`dl`, {
          class: `facts`,
          children: [
            U(`dt`, { children: `Key` }),
            U(`dd`, { children: U(`code`, { class: `hint-code`, children: e.hint }) }),
            U(`dt`, { children: `Access` }),
            U(`dd`, { children: _t[e.scope] }),
            U(`dt`, { children: `Status` }),
            U(`dd`, { children: gt(e, t).label }),
            U(`dt`, { children: `Owner` }),
            U(`dd`, { children: e.owner.username }),
            U(`dt`, { children: `Created` }),
            U(`dd`, { children: K(e.createdAt) }),
            e.note && U(y, { children: [U(`dt`, { children: `Note` }), U(`dd`, { class: `note-text`, children: e.note })] }),
          ],
        }),
        U(`h3`, { class: `subheading`, children: [`Use in the last `, 30, ` days`] }),
        U(`div`, {
          "aria-busy": r === void 0 && !a,
          children: a
            ? U(`p`, { class: `form-error`, children: [`The usage could not be loaded. `, a] })
            : r === void 0
              ? U(`p`, { class: `muted`, children: `Loading usage…` })
              : U(y, { children: [U(`p`, { children: [At(r), `.`] }), U(Mt, { days: r })] }),
        }),
        U(`div`, {
          class: `dialog-actions`,
          children: U(`button`, { type: `button`, class: `button`, onClick: n, autofocus: !0, children: `Close` }),
        }),
      ],
    })
  );
}
function Pt({ search: e, ownerName: t, unusedOnly: n, unusedDays: r, onClearSearch: i, showOwners: a }) {
  return e.trim()
    ? U(`div`, {
        class: `empty`,
        children: [
          U(`p`, { class: `empty-title`, children: [`No keys match “`, e.trim(), `”`] }),
          U(`p`, { children: [`The search looks at key names, hints (like podk_…a1B2)`, a ? ` and owners` : ``, `.`] }),
          U(`button`, { type: `button`, class: `button`, onClick: i, children: `Clear search` }),
        ],
      })
    : n
      ? U(`div`, {
          class: `empty`,
          children: [
            U(`p`, { class: `empty-title`, children: [`No keys unused for `, r, ` days`] }),
            U(`p`, { children: `Every key here has been used recently, or is newer than that.` }),
          ],
        })
      : t === void 0
        ? U(`div`, {
            class: `empty`,
            children: [
              U(`p`, { class: `empty-title`, children: `No API keys yet` }),
              U(`p`, {
                children: `Create one for each app that should reach your podcasts — a media center, a phone app, a sync script. You can disable or delete a key at any time, and only that app loses access.`,
              }),
            ],
          })
        : U(`div`, {
            class: `empty`,
            children: [
              U(`p`, { class: `empty-title`, children: [t, ` has no API keys`] }),
              U(`p`, { children: [`Keys belong to whoever creates them: `, t, ` creates their own after signing in.`] }),
            ],
          });
}
var Ft = { column: `created`, direction: `descending` };
function It(e, t) {
  return e.column === t
    ? { column: t, direction: e.direction === `ascending` ? `descending` : `ascending` }
    : { column: t, direction: t === `name` || t === `expires` ? `ascending` : `descending` };
}
var X = (e, t) => (e === null ? t : Date.parse(e)),
  Lt = new Intl.Collator(void 0, { sensitivity: `base`, numeric: !0 });
function Rt(e, t, n) {
  switch (n) {
    case `name`:
      return Lt.compare(e.name, t.name);
    case `lastUsed`:
      return X(e.lastUsedAt, 0) - X(t.lastUsedAt, 0);
    case `created`:
      return X(e.createdAt, 0) - X(t.createdAt, 0) || e.id - t.id;
    case `expires`:
      return X(e.expiresAt, 1 / 0) - X(t.expiresAt, 1 / 0) || 0;
  }
}
function zt(e, t) {
  const n = t.direction === `ascending` ? 1 : -1;
  return [...e].sort((e, r) => n * Rt(e, r, t.column) || r.id - e.id);
}
function Bt(e, t) {
  const n = Vt(t.trim());
  return !n || [e.name, e.hint, e.owner.username].some((e) => Vt(e).includes(n));
}
var Vt = (e) => e.normalize(`NFD`).replace(/\p{M}/gu, ``).toLowerCase();
function Ht(e) {
  const t = new Set(e.map((e) => e.id)),
    n = new Map();
  for (const r of e) r.replacedById !== null && t.has(r.replacedById) && n.set(r.replacedById, [...(n.get(r.replacedById) ?? []), r]);
  const r = [],
    i = (e) => {
      r.push(e);
      for (const t of n.get(e.id) ?? []) i(t);
    };
  for (const n of e) (n.replacedById !== null && t.has(n.replacedById)) || i(n);
  return r;
}
function Ut({ about: e, items: t, toggleId: n }) {
  const [r, i] = L(!1),
    a = z(null),
    o = z(null),
    s = () => [...(a.current?.querySelectorAll(`.menu button`) ?? [])];
  Se(() => {
    if (!r) return;
    s()[0]?.focus();
    const e = (e) => {
      a.current?.contains(e.target) || i(!1);
    };
    return (document.addEventListener(`pointerdown`, e), () => document.removeEventListener(`pointerdown`, e));
  }, [r]);
  function c(e) {
    if (r) {
      if (e.key === `Escape`) e.preventDefault(), i(!1), o.current?.focus();
      else if (e.key === `ArrowDown` || e.key === `ArrowUp`) {
        e.preventDefault();
        const t = s();
        t[(t.indexOf(document.activeElement) + (e.key === `ArrowDown` ? 1 : -1) + t.length) % t.length]?.focus();
      }
    }
  }
  function l(e) {
    o.current?.focus(), i(!1), e.onSelect();
  }
  return U(`div`, {
    ref: a,
    class: `actions`,
    onKeyDown: c,
    onFocusOut: (e) => {
      r && !a.current?.contains(e.relatedTarget) && i(!1);
    },
    children: [
      U(`button`, {
        ref: o,
        id: n,
        type: `button`,
        class: `button button-small menu-toggle`,
        title: `Actions`,
        "aria-expanded": r,
        onClick: () => i(!r),
        children: [
          U(`span`, { class: `visually-hidden`, children: [`Actions for `, e] }),
          U(`svg`, {
            class: `menu-dots`,
            viewBox: `0 0 16 16`,
            "aria-hidden": `true`,
            children: [
              U(`circle`, { cx: `3`, cy: `8`, r: `1.5` }),
              U(`circle`, { cx: `8`, cy: `8`, r: `1.5` }),
              U(`circle`, { cx: `13`, cy: `8`, r: `1.5` }),
            ],
          }),
        ],
      }),
      U(`div`, {
        class: `menu`,
        hidden: !r,
        children: t.map((e) =>
          U(
            `button`,
            {
              type: `button`,
              class: e.danger ? `menu-item menu-item-danger` : `menu-item`,
              onClick: () => l(e),
              children: [e.label, U(`span`, { class: `visually-hidden`, children: [` `, e.about] })],
            },
            e.label,
          ),
        ),
      }),
    ],
  });
}
var Wt = (e) => `key-actions-${e}`;
function Gt(e, t) {
  const { state: n } = gt(e, t);
  return n === `expired` || n === `replaced`
    ? []
    : n === `disabled`
      ? [`enable`, `edit`, `details`]
      : [`roll`, `disable`, `edit`, `details`];
}
var Kt = { roll: `Roll`, disable: `Disable`, enable: `Enable`, edit: `Rename`, details: `Usage`, delete: `Delete` };
function qt({ keys: e, showOwner: t, now: n, onAction: r, sort: i, onSort: a }) {
  const o = new Map(e.map((e) => [e.id, e])),
    s = new Map(e.filter((e) => e.replacedById !== null).map((e) => [e.replacedById, e])),
    c = (e, t) => U(Jt, { label: e, column: t, sort: i, onSort: a });
  return U(`table`, {
    class: `key-table`,
    children: [
      U(`thead`, {
        children: U(`tr`, {
          children: [
            c(`Name`, `name`),
            U(`th`, { scope: `col`, children: `Key` }),
            t && U(`th`, { scope: `col`, children: `Owner` }),
            U(`th`, { scope: `col`, children: `Access` }),
            c(`Status`, `expires`),
            c(`Last used`, `lastUsed`),
            c(`Created`, `created`),
            U(`th`, { scope: `col`, children: U(`span`, { class: `visually-hidden`, children: `Actions` }) }),
          ],
        }),
      }),
      U(`tbody`, {
        children: e.map((e) => {
          const i = gt(e, n),
            a = [...Gt(e, n), `delete`].map((t) => ({ label: Kt[t], about: e.name, danger: t === `delete`, onSelect: () => r(e, t) })),
            c = e.replacedById === null ? void 0 : o.get(e.replacedById),
            l = s.get(e.id);
          return U(
            `tr`,
            {
              class:
                [i.state === `active` || i.state === `expiring` ? `` : `key-inactive`, c ? `key-replaced` : ``].join(` `).trim() || void 0,
              children: [
                U(`th`, {
                  scope: `row`,
                  class: `key-name`,
                  children: [
                    e.name,
                    e.kind === `sign_in` &&
                      U(`span`, {
                        class: `badge badge-sign-in`,
                        title: `Made when a Pinepods app signed in with your password. Ends when the password changes.`,
                        children: `sign-in`,
                      }),
                    e.replacedById !== null &&
                      U(`span`, {
                        class: `cell-note`,
                        children: [`replaced by `, c ? U(`code`, { class: `hint-code`, children: c.hint }) : `a deleted key`],
                      }),
                    l &&
                      U(`span`, { class: `cell-note`, children: [`replacement of `, U(`code`, { class: `hint-code`, children: l.hint })] }),
                    e.note && U(`span`, { class: `cell-note key-note`, title: e.note, children: e.note }),
                  ],
                }),
                U(`td`, { "data-label": `Key`, children: U(`code`, { class: `hint-code`, children: e.hint }) }),
                t && U(`td`, { "data-label": `Owner`, children: e.owner.username }),
                U(`td`, { "data-label": `Access`, children: U(`span`, { class: `scope scope-${e.scope}`, children: _t[e.scope] }) }),
                U(`td`, {
                  "data-label": `Status`,
                  children: [
                    U(`span`, {
                      class: `status status-${i.state}`,
                      title: e.expiresAt ? `Expires ${K(e.expiresAt)}` : void 0,
                      children: i.label,
                    }),
                    i.state === `disabled` && e.expiresAt && U(`span`, { class: `cell-note`, children: [`Expires `, Qe(e.expiresAt)] }),
                  ],
                }),
                U(`td`, {
                  "data-label": `Last used`,
                  children: e.lastUsedAt
                    ? U(`span`, {
                        children: [
                          U(`time`, { dateTime: e.lastUsedAt, title: K(e.lastUsedAt), children: et(e.lastUsedAt, n) }),
                          e.lastUsedCountry && U(`span`, { class: `cell-note`, children: rt(e.lastUsedCountry) }),
                        ],
                      })
                    : U(`span`, { class: `muted`, children: `never` }),
                }),
                U(`td`, {
                  "data-label": `Created`,
                  children: U(`time`, { dateTime: e.createdAt, title: K(e.createdAt), children: Qe(e.createdAt) }),
                }),
                U(`td`, { class: `row-actions`, children: U(Ut, { about: e.name, items: a, toggleId: Wt(e.id) }) }),
              ],
            },
            e.id,
          );
        }),
      }),
    ],
  });
}
function Jt({ label: e, column: t, sort: n, onSort: r }) {
  if (!t || !r) return U(`th`, { scope: `col`, children: e });
  const i = n?.column === t ? n.direction : void 0;
  return U(`th`, {
    scope: `col`,
    "aria-sort": i,
    children: U(`button`, {
      type: `button`,
      class: `sort-button`,
      onClick: () => r(t),
      children: [
        e,
        U(`svg`, {
          class: `sort-mark${i ? ` sort-${i}` : ``}`,
          viewBox: `0 0 16 16`,
          "aria-hidden": `true`,
          children: U(`path`, {
            d: i === `ascending` ? `M4 10l4-4 4 4` : i === `descending` ? `M4 6l4 4 4-4` : `M5 6l3-3 3 3M5 10l3 3 3-3`,
          }),
        }),
      ],
    }),
  });
}
function Yt({ rows: e = 2 }) {
  return U(`div`, {
    class: `skeleton`,
    "aria-hidden": `true`,
    children: Array.from({ length: e }, (e, t) => U(`div`, { class: `skeleton-row` }, t)),
  });
}
function Xt({ name: e, secret: t, previousKeyExpiresAt: n, onDone: r, returnFocus: i }) {
  const a = z(null),
    [o, s] = L(``);
  async function c() {
    try {
      await navigator.clipboard.writeText(t), s(`Copied to the clipboard.`);
    } catch {
      const e = document.createRange();
      e.selectNodeContents(a.current);
      const t = getSelection();
      t?.removeAllRanges(), t?.addRange(e), s(`Selected. Press Ctrl+C (⌘C on a Mac) to copy it.`);
    }
  }
  function l() {
    getSelection()?.removeAllRanges(), r();
  }
  return U(q, {
    title: `Your new key “${e}”`,
    returnFocus: i,
    children: [
      U(`p`, { class: `dialog-lead`, children: `Paste it into the application that will use it.` }),
      U(`div`, {
        class: `secret-row`,
        children: [
          U(`code`, { ref: a, class: `secret`, children: t }),
          U(`button`, { type: `button`, class: `button button-primary`, onClick: c, autofocus: !0, children: `Copy` }),
        ],
      }),
      U(`p`, { class: `copy-status`, role: `status`, children: o }),
      n && U(Zt, { until: n }),
      U(`div`, {
        class: `notice`,
        role: `note`,
        children: [
          U(`strong`, { children: `This key will not be shown again.` }),
          ` Podkeys keeps only a fingerprint of it. If you lose it, roll it from its row's actions for a new one.`,
        ],
      }),
      U(`div`, { class: `dialog-actions`, children: U(`button`, { type: `button`, class: `button`, onClick: l, children: `Done` }) }),
    ],
  });
}
function Zt({ until: e }) {
  const t = Date.now();
  return new Date(e).getTime() <= t
    ? U(`p`, { class: `dialog-lead`, children: `The old key no longer works.` })
    : U(`p`, {
        class: `dialog-lead`,
        children: [
          `The old key keeps working until`,
          ` `,
          U(`strong`, { children: U(`time`, { dateTime: e, children: K(e) }) }),
          ` `,
          `(`,
          $e(e, t),
          `), then it is refused.`,
        ],
      });
}
var Qt = [
  [0, `Immediately`],
  [3600, `In 1 hour`],
  [86400, `In 1 day`],
  [604800, `In 7 days`],
];
function $t({ apiKey: e, onRolled: t, onCancel: n }) {
  const [r, i] = L(3600),
    { busy: a, error: o, submit: s } = G(async () => t(await V.rollKey(e.id, r)));
  return U(q, {
    title: `Roll “${e.name}”`,
    onDismiss: a ? void 0 : n,
    children: U(`form`, {
      onSubmit: s,
      children: [
        U(`p`, {
          class: `dialog-lead`,
          children: `You get a new key with the same name, access and expiry, shown once. Give the old key time to be replaced in the app that uses it; after that it is refused.`,
        }),
        U(`fieldset`, {
          class: `field choices`,
          children: [
            U(`legend`, { children: `The old key stops working` }),
            Qt.map(([e, t]) =>
              U(
                `div`,
                {
                  class: `choice`,
                  children: [
                    U(`input`, {
                      id: `roll-grace-${e}`,
                      type: `radio`,
                      name: `roll-grace`,
                      checked: r === e,
                      autofocus: r === e,
                      onChange: () => i(e),
                    }),
                    U(`label`, { for: `roll-grace-${e}`, children: t }),
                  ],
                },
                e,
              ),
            ),
          ],
        }),
        U(pt, { error: o, busy: a, label: `Roll key`, busyLabel: `Rolling…`, onCancel: n }),
      ],
    }),
  });
}
var en = 90;
function tn({ me: e, users: t }) {
  const n = e.role === `admin`,
    [r, i] = L(),
    [a, o] = L(),
    [s, c] = L(``),
    [l, u] = L(!1),
    [d, f] = L(``),
    [p, m] = L(Ft),
    [h, g] = L(),
    [_, v] = L({ text: ``, failed: !1 }),
    y = Ge(),
    b = z(null),
    x = z(null),
    S = z(void 0),
    C = z(0);
  async function w() {
    const e = ++C.current;
    o(void 0);
    try {
      const { keys: t } = await V.listKeys({ userId: Number(s) || void 0, unusedForDays: l ? en : void 0 });
      e === C.current && i(t);
    } catch (t) {
      e === C.current && o(H(t));
    }
  }
  R(() => {
    w();
  }, [s, l]);
  const T = Ce(
      () =>
        r
          ? Ht(
              zt(
                r.filter((e) => Bt(e, d)),
                p,
              ),
            )
          : void 0,
      [r, d, p],
    ),
    ee = r?.some((e) => gt(e, y).state === `expired`) ?? !1,
    E = () => g(void 0),
    D = (e, t = !1) => v({ text: e, failed: t });
  async function O(e, t) {
    D(``);
    try {
      const { apiKey: n } = await V.setKeyEnabled(e.id, t);
      i((e) => e?.map((e) => (e.id === n.id ? n : e))),
        D(t ? `“${e.name}” is enabled and works again.` : `“${e.name}” is disabled: it is refused until you enable it.`);
    } catch (n) {
      D(`“${e.name}” could not be ${t ? `enabled` : `disabled`}. ${H(n)}`, !0);
    }
  }
  function k(e, t) {
    D(``), t === `enable` || t === `disable` ? O(e, t === `enable`) : g({ dialog: t, key: e });
  }
  const A = t?.find((e) => String(e.id) === s)?.username;
  return U(`div`, {
    class: `stack`,
    children: [
      U(`p`, {
        class: `section-intro`,
        children: `API keys let podcast apps and scripts act as you without your password. Give each application its own key, so you can cut one off without touching the others.`,
      }),
      U(`div`, {
        class: `toolbar`,
        children: [
          U(`button`, {
            ref: b,
            type: `button`,
            class: `button button-primary`,
            onClick: () => g({ dialog: `create` }),
            children: `Create API key`,
          }),
          ee &&
            U(`button`, {
              type: `button`,
              class: `button button-quiet-danger`,
              onClick: () => g({ dialog: `deleteExpired` }),
              children: `Delete expired keys`,
            }),
          U(`div`, {
            class: `filters`,
            children: [
              U(`label`, {
                class: `inline-field search-field`,
                children: [
                  U(`span`, { children: `Search` }),
                  U(`input`, {
                    ref: x,
                    type: `search`,
                    value: d,
                    placeholder: n ? `Name, hint or owner` : `Name or hint`,
                    onInput: (e) => f(e.currentTarget.value),
                  }),
                ],
              }),
              n &&
                t &&
                U(`label`, {
                  class: `inline-field`,
                  children: [
                    U(`span`, { children: `Show keys of` }),
                    U(`select`, {
                      value: s,
                      onChange: (e) => c(e.currentTarget.value),
                      children: [
                        U(`option`, { value: ``, children: `All users` }),
                        t.map((e) => U(`option`, { value: String(e.id), children: e.username }, e.id)),
                      ],
                    }),
                  ],
                }),
              n &&
                U(`label`, {
                  class: `inline-field checkbox-field`,
                  children: [
                    U(`input`, { type: `checkbox`, checked: l, onChange: (e) => u(e.currentTarget.checked) }),
                    U(`span`, { children: [`Unused for `, en, ` days`] }),
                  ],
                }),
            ],
          }),
        ],
      }),
      U(`h3`, { class: `visually-hidden`, children: n ? `All API keys` : `Your API keys` }),
      U(`p`, { class: _.failed ? `form-error` : `success`, role: `status`, children: _.text }),
      U(`div`, {
        class: `list-area`,
        "aria-busy": T === void 0,
        children: a
          ? U(We, { what: `The keys`, reason: a, onRetry: w })
          : T === void 0
            ? U(Yt, {})
            : T.length === 0
              ? U(Pt, {
                  search: d,
                  showOwners: n,
                  ownerName: A,
                  unusedOnly: l,
                  unusedDays: en,
                  onClearSearch: () => {
                    f(``), x.current?.focus();
                  },
                })
              : U(qt, { keys: T, showOwner: n, now: y, onAction: k, sort: p, onSort: (e) => m(It(p, e)) }),
      }),
      h?.dialog === `create` &&
        U(St, {
          onCancel: E,
          onCreated: ({ key: e, apiKey: t }) => {
            g({ dialog: `reveal`, name: t.name, secret: e }),
              D(`“${t.name}” created.`),
              i((e) => e && [t, ...e.filter((e) => e.id !== t.id)]),
              w();
          },
        }),
      h?.dialog === `roll` &&
        U($t, {
          apiKey: h.key,
          onCancel: E,
          onRolled: ({ key: e, apiKey: t, previousKeyExpiresAt: n }) => {
            g({ dialog: `reveal`, name: t.name, secret: e, previousKeyExpiresAt: n, keyId: t.id }),
              D(`“${t.name}” rolled: a new key replaces the old one.`);
            const r = { ...h.key, replacedById: t.id, expiresAt: n };
            i((e) => e && [t, ...e.map((e) => (e.id === r.id ? r : e))]), w();
          },
        }),
      h?.dialog === `reveal` &&
        U(Xt, {
          name: h.name,
          secret: h.secret,
          previousKeyExpiresAt: h.previousKeyExpiresAt,
          onDone: E,
          returnFocus: () => (h.keyId ? document.getElementById(Wt(h.keyId)) : null) ?? b.current,
        }),
      h?.dialog === `edit` &&
        U(Et, {
          apiKey: h.key,
          onCancel: E,
          onSaved: (e) => {
            i((t) => t?.map((t) => (t.id === e.id ? e : t))),
              D(e.name === h.key.name ? `“${e.name}” saved.` : `“${h.key.name}” is now called “${e.name}”.`),
              E();
          },
        }),
      h?.dialog === `details` && U(Nt, { apiKey: h.key, now: y, onClose: E }),
      h?.dialog === `deleteExpired` &&
        U(wt, {
          userId: Number(s) || void 0,
          showOwner: n,
          onCancel: E,
          returnFocus: () => b.current,
          onDeleted: (e) => {
            E(), D(e.length === 1 ? `1 expired key deleted.` : `${e.length} expired keys deleted.`), w();
          },
        }),
      h?.dialog === `delete` &&
        U(Tt, {
          apiKey: h.key,
          me: e,
          onCancel: E,
          returnFocus: () => (S.current ? document.getElementById(Wt(S.current)) : null) ?? b.current,
          onDeleted: () => {
            const e = h.key,
              t = T?.findIndex((t) => t.id === e.id) ?? -1;
            (S.current = (T?.[t + 1] ?? T?.[t - 1])?.id),
              i((t) => t?.filter((t) => t.id !== e.id)),
              D(`“${e.name}” deleted. Applications using it are refused from now on.`),
              E();
          },
        }),
    ],
  });
}
function nn() {
  const [e, t] = L(``),
    [n, r] = L(``),
    [i, a] = L(``),
    [o, s] = L(``),
    {
      busy: c,
      error: l,
      setError: u,
      submit: d,
    } = G(async () => {
      if ((s(``), n !== i)) return u(`The new passwords do not match.`);
      await V.changePassword({ currentPassword: e, newPassword: n }),
        t(``),
        r(``),
        a(``),
        s(`Password changed. Any other browser signed in as you has been signed out.`);
    });
  return U(`form`, {
    class: `subform`,
    onSubmit: d,
    children: [
      U(`div`, {
        class: `form-grid`,
        children: [
          U(J, { label: `Current password`, type: `password`, value: e, onValue: t, required: !0, autocomplete: `current-password` }),
          U(dt, { label: `New password`, value: n, onValue: r }),
          U(J, { label: `Repeat new password`, type: `password`, value: i, onValue: a, required: !0, autocomplete: `new-password` }),
        ],
      }),
      U(ft, { error: l, done: o, busy: c, label: `Change password`, busyLabel: `Changing…` }),
    ],
  });
}
function rn() {
  const [e, t] = L(),
    [n, r] = L(),
    [i, a] = L(!1);
  async function o() {
    r(void 0);
    try {
      t(await V.origin());
    } catch (e) {
      r(H(e));
    }
  }
  return (
    R(() => {
      o();
    }, []),
    n
      ? U(We, { what: `the podcast server link`, reason: n, onRetry: o })
      : e
        ? e.configured
          ? e.linked
            ? U(`div`, {
                class: `stack`,
                children: [
                  U(`p`, {
                    children: [
                      `Linked to the Pinepods account `,
                      U(`strong`, { children: e.originUsername }),
                      ` (user `,
                      e.originUserId,
                      `)`,
                      e.linkedAt && U(y, { children: [` since `, K(e.linkedAt)] }),
                      `. Apps using your keys reach your podcasts through Podkeys.`,
                    ],
                  }),
                  U(`div`, {
                    children: U(`button`, {
                      type: `button`,
                      class: `button button-quiet-danger`,
                      onClick: () => a(!0),
                      children: `Unlink`,
                    }),
                  }),
                  i &&
                    U(Ct, {
                      title: `Unlink your podcast server account?`,
                      confirmLabel: `Unlink`,
                      onCancel: () => a(!1),
                      onConfirm: async () => {
                        await V.unlinkOrigin(), a(!1), await o();
                      },
                      children: U(`p`, {
                        children: `Apps using your Podkeys keys stop reaching your podcasts at once, until you link again with your Pinepods password.`,
                      }),
                    }),
                ],
              })
            : U(an, { onLinked: t })
          : U(`p`, { class: `muted`, children: `This Podkeys does not front a podcast server: its administrator has not set ORIGIN_URL.` })
        : U(`p`, { class: `muted`, children: `Loading…` })
  );
}
function an({ onLinked: e }) {
  const [t, n] = L(``),
    [r, i] = L(``),
    {
      busy: a,
      error: o,
      submit: s,
    } = G(async () => {
      const n = await V.linkOrigin({ username: t, password: r });
      i(``), e(n);
    });
  return U(`form`, {
    class: `subform`,
    onSubmit: s,
    children: [
      U(`p`, {
        class: `muted`,
        children: `Sign in to your Pinepods account once to link it. Podkeys keeps only the key Pinepods hands back, encrypted — never your Pinepods password.`,
      }),
      U(`div`, {
        class: `form-grid`,
        children: [
          U(J, { label: `Pinepods username`, value: t, onValue: n, required: !0, autocomplete: `off`, maxLength: 255 }),
          U(J, { label: `Pinepods password`, type: `password`, value: r, onValue: i, required: !0, autocomplete: `off` }),
        ],
      }),
      U(ft, { error: o, done: ``, busy: a, label: `Link account`, busyLabel: `Linking…` }),
    ],
  });
}
function on(e) {
  if (!e) return `Unknown device`;
  const t = /Edg\//.test(e)
      ? `Edge`
      : /Firefox\//.test(e)
        ? `Firefox`
        : /Chrom(e|ium)\//.test(e)
          ? `Chrome`
          : /Safari\//.test(e)
            ? `Safari`
            : /^curl\//.test(e)
              ? `curl`
              : `A browser`,
    n = /Android/.test(e)
      ? `Android`
      : /iPhone|iPad/.test(e)
        ? `iOS`
        : /Mac OS X|Macintosh/.test(e)
          ? `macOS`
          : /Windows/.test(e)
            ? `Windows`
            : /Linux|X11/.test(e)
              ? `Linux`
              : void 0;
  return n ? `${t} on ${n}` : t;
}
function sn() {
  const [e, t] = L(),
    [n, r] = L(),
    [i, a] = L({ text: ``, failed: !1 }),
    [o, s] = L(!1),
    c = Ge();
  async function l() {
    r(void 0);
    try {
      t((await V.listSessions()).sessions);
    } catch (e) {
      r(H(e));
    }
  }
  R(() => {
    l();
  }, []);
  async function u(e, t) {
    s(!0), a({ text: ``, failed: !1 });
    try {
      a({ text: await e(), failed: !1 });
    } catch (e) {
      a({ text: `${t} ${H(e)}`, failed: !0 });
    } finally {
      s(!1), await l();
    }
  }
  const d = e?.filter((e) => !e.current) ?? [],
    f = e ? [...e].sort((e, t) => Number(t.current) - Number(e.current)) : void 0;
  return U(`div`, {
    class: `stack`,
    children: [
      U(`p`, {
        class: `section-intro`,
        children: `Every browser signed in to your account. End any you do not recognise: it is signed out at once. API keys are not sessions and keep working.`,
      }),
      U(`p`, { class: i.failed ? `form-error` : `success`, role: `status`, children: i.text }),
      U(`div`, {
        class: `list-area`,
        "aria-busy": e === void 0 && !n,
        children: n
          ? U(We, { what: `Your sessions`, reason: n, onRetry: l })
          : f === void 0
            ? U(`p`, { class: `muted`, children: `Loading sessions…` })
            : U(`ul`, {
                class: `session-list`,
                children: f.map((e) =>
                  U(
                    `li`,
                    {
                      class: `session-row`,
                      children: [
                        U(`div`, {
                          children: [
                            U(`p`, {
                              class: `session-device`,
                              children: [on(e.userAgent), e.current && U(`span`, { class: `badge`, children: `this browser` })],
                            }),
                            U(`p`, {
                              class: `muted session-meta`,
                              children: [
                                e.country ? `${rt(e.country)} · ` : ``,
                                `last seen`,
                                ` `,
                                U(`time`, { dateTime: e.lastSeenAt, title: K(e.lastSeenAt), children: et(e.lastSeenAt, c) }),
                                ` · signed in `,
                                U(`time`, { dateTime: e.createdAt, children: K(e.createdAt) }),
                              ],
                            }),
                          ],
                        }),
                        !e.current &&
                          U(`button`, {
                            type: `button`,
                            class: `button button-small`,
                            disabled: o,
                            onClick: () =>
                              u(
                                async () => (await V.endSession(e.id), `${on(e.userAgent)} is signed out.`),
                                `That session could not be ended.`,
                              ),
                            children: [
                              `Sign out`,
                              U(`span`, {
                                class: `visually-hidden`,
                                children: [` `, on(e.userAgent), `, last seen `, et(e.lastSeenAt, c)],
                              }),
                            ],
                          }),
                      ],
                    },
                    e.id,
                  ),
                ),
              }),
      }),
      d.length > 0 &&
        U(`button`, {
          type: `button`,
          class: `button`,
          disabled: o,
          onClick: () =>
            u(async () => {
              const { ended: e } = await V.endOtherSessions();
              return e === 1 ? `1 other session is signed out.` : `${e} other sessions are signed out.`;
            }, `The other sessions could not be ended.`),
          children: `Sign out other sessions`,
        }),
    ],
  });
}
var Z = ((e) => (
    (e[(e.Border = -1)] = `Border`),
    (e[(e.Data = 0)] = `Data`),
    (e[(e.Function = 1)] = `Function`),
    (e[(e.Position = 2)] = `Position`),
    (e[(e.Timing = 3)] = `Timing`),
    (e[(e.Alignment = 4)] = `Alignment`),
    e
  ))(Z || {}),
  cn = [0, 1],
  ln = [1, 0],
  un = [2, 3],
  dn = [3, 2],
  fn = { L: cn, M: ln, Q: un, H: dn },
  pn = /^\d*$/,
  mn = /^[A-Z0-9 $%*+./:-]*$/,
  hn = `0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:`,
  gn = 1,
  _n = 40,
  vn = 3,
  yn = 3,
  bn = 40,
  xn = 10,
  Sn = [
    [
      -1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30,
      30, 30, 30, 30, 30, 30, 30,
    ],
    [
      -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
      28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
      -1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30,
      30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
      -1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
      30, 30, 30, 30, 30, 30, 30, 30,
    ],
  ],
  Cn = [
    [
      -1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22,
      24, 25,
    ],
    [
      -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40,
      43, 45, 47, 49,
    ],
    [
      -1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53,
      56, 59, 62, 65, 68,
    ],
    [
      -1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63,
      66, 70, 74, 77, 81,
    ],
  ],
  wn = class {
    constructor(e, t, n, r) {
      if (((this.version = e), (this.ecc = t), e < gn || e > _n)) throw RangeError(`Version value out of range`);
      if (r < -1 || r > 7) throw RangeError(`Mask value out of range`);
      this.size = e * 4 + 17;
      const i = Array.from({ length: this.size }).fill(!1);
      for (let e = 0; e < this.size; e++) this.modules.push(i.slice()), this.types.push(i.map(() => 0));
      this.drawFunctionPatterns();
      const a = this.addEccAndInterleave(n);
      if ((this.drawCodewords(a), r === -1)) {
        let e = 1e9;
        for (let t = 0; t < 8; t++) {
          this.applyMask(t), this.drawFormatBits(t);
          const n = this.getPenaltyScore();
          n < e && ((r = t), (e = n)), this.applyMask(t);
        }
      }
      (this.mask = r), this.applyMask(r), this.drawFormatBits(r);
    }
    size;
    mask;
    modules = [];
    types = [];
    getModule(e, t) {
      return e >= 0 && e < this.size && t >= 0 && t < this.size && this.modules[t][e];
    }
    drawFunctionPatterns() {
      for (let e = 0; e < this.size; e++)
        this.setFunctionModule(6, e, e % 2 == 0, Z.Timing), this.setFunctionModule(e, 6, e % 2 == 0, Z.Timing);
      this.drawFinderPattern(3, 3), this.drawFinderPattern(this.size - 4, 3), this.drawFinderPattern(3, this.size - 4);
      const e = this.getAlignmentPatternPositions(),
        t = e.length;
      for (let n = 0; n < t; n++)
        for (let r = 0; r < t; r++)
          (n === 0 && r === 0) || (n === 0 && r === t - 1) || (n === t - 1 && r === 0) || this.drawAlignmentPattern(e[n], e[r]);
      this.drawFormatBits(0), this.drawVersion();
    }
    drawFormatBits(e) {
      let t = (this.ecc[1] << 3) | e,
        n = t;
      for (let e = 0; e < 10; e++) n = (n << 1) ^ ((n >>> 9) * 1335);
      const r = ((t << 10) | n) ^ 21522;
      for (let e = 0; e <= 5; e++) this.setFunctionModule(8, e, $(r, e));
      this.setFunctionModule(8, 7, $(r, 6)), this.setFunctionModule(8, 8, $(r, 7)), this.setFunctionModule(7, 8, $(r, 8));
      for (let e = 9; e < 15; e++) this.setFunctionModule(14 - e, 8, $(r, e));
      for (let e = 0; e < 8; e++) this.setFunctionModule(this.size - 1 - e, 8, $(r, e));
      for (let e = 8; e < 15; e++) this.setFunctionModule(8, this.size - 15 + e, $(r, e));
      this.setFunctionModule(8, this.size - 8, !0);
    }
    drawVersion() {
      if (this.version < 7) return;
      let e = this.version;
      for (let t = 0; t < 12; t++) e = (e << 1) ^ ((e >>> 11) * 7973);
      const t = (this.version << 12) | e;
      for (let e = 0; e < 18; e++) {
        const n = $(t, e),
          r = this.size - 11 + (e % 3),
          i = Math.floor(e / 3);
        this.setFunctionModule(r, i, n), this.setFunctionModule(i, r, n);
      }
    }
    drawFinderPattern(e, t) {
      for (let n = -4; n <= 4; n++)
        for (let r = -4; r <= 4; r++) {
          const i = Math.max(Math.abs(r), Math.abs(n)),
            a = e + r,
            o = t + n;
          a >= 0 && a < this.size && o >= 0 && o < this.size && this.setFunctionModule(a, o, i !== 2 && i !== 4, Z.Position);
        }
    }
    drawAlignmentPattern(e, t) {
      for (let n = -2; n <= 2; n++)
        for (let r = -2; r <= 2; r++) this.setFunctionModule(e + r, t + n, Math.max(Math.abs(r), Math.abs(n)) !== 1, Z.Alignment);
    }
    setFunctionModule(e, t, n, r = Z.Function) {
      (this.modules[t][e] = n), (this.types[t][e] = r);
    }
    addEccAndInterleave(e) {
      const t = this.version,
        n = this.ecc;
      if (e.length !== zn(t, n)) throw RangeError(`Invalid argument`);
      const r = Cn[n[0]][t],
        i = Sn[n[0]][t],
        a = Math.floor(Rn(t) / 8),
        o = r - (a % r),
        s = Math.floor(a / r),
        c = [],
        l = Bn(i);
      for (let t = 0, n = 0; t < r; t++) {
        const r = e.slice(n, n + s - i + (t < o ? 0 : 1));
        n += r.length;
        const a = Vn(r, l);
        t < o && r.push(0), c.push(r.concat(a));
      }
      const u = [];
      for (let e = 0; e < c[0].length; e++)
        c.forEach((t, n) => {
          (e !== s - i || n >= o) && u.push(t[e]);
        });
      return u;
    }
    drawCodewords(e) {
      if (e.length !== Math.floor(Rn(this.version) / 8)) throw RangeError(`Invalid argument`);
      let t = 0;
      for (let n = this.size - 1; n >= 1; n -= 2) {
        n === 6 && (n = 5);
        for (let r = 0; r < this.size; r++)
          for (let i = 0; i < 2; i++) {
            const a = n - i,
              o = (n + 1) & 2 ? r : this.size - 1 - r;
            !this.types[o][a] && t < e.length * 8 && ((this.modules[o][a] = $(e[t >>> 3], 7 - (t & 7))), t++);
          }
      }
    }
    applyMask(e) {
      if (e < 0 || e > 7) throw RangeError(`Mask value out of range`);
      for (let t = 0; t < this.size; t++)
        for (let n = 0; n < this.size; n++) {
          let r;
          switch (e) {
            case 0:
              r = (n + t) % 2 == 0;
              break;
            case 1:
              r = t % 2 == 0;
              break;
            case 2:
              r = n % 3 == 0;
              break;
            case 3:
              r = (n + t) % 3 == 0;
              break;
            case 4:
              r = (Math.floor(n / 3) + Math.floor(t / 2)) % 2 == 0;
              break;
            case 5:
              r = ((n * t) % 2) + ((n * t) % 3) == 0;
              break;
            case 6:
              r = (((n * t) % 2) + ((n * t) % 3)) % 2 == 0;
              break;
            case 7:
              r = (((n + t) % 2) + ((n * t) % 3)) % 2 == 0;
              break;
            default:
              throw Error(`Unreachable`);
          }
          !this.types[t][n] && r && (this.modules[t][n] = !this.modules[t][n]);
        }
    }
    getPenaltyScore() {
      let e = 0;
      for (let t = 0; t < this.size; t++) {
        let n = !1,
          r = 0,
          i = [0, 0, 0, 0, 0, 0, 0];
        for (let a = 0; a < this.size; a++)
          this.modules[t][a] === n
            ? (r++, r === 5 ? (e += vn) : r > 5 && e++)
            : (this.finderPenaltyAddHistory(r, i), n || (e += this.finderPenaltyCountPatterns(i) * bn), (n = this.modules[t][a]), (r = 1));
        e += this.finderPenaltyTerminateAndCount(n, r, i) * bn;
      }
      for (let t = 0; t < this.size; t++) {
        let n = !1,
          r = 0,
          i = [0, 0, 0, 0, 0, 0, 0];
        for (let a = 0; a < this.size; a++)
          this.modules[a][t] === n
            ? (r++, r === 5 ? (e += vn) : r > 5 && e++)
            : (this.finderPenaltyAddHistory(r, i), n || (e += this.finderPenaltyCountPatterns(i) * bn), (n = this.modules[a][t]), (r = 1));
        e += this.finderPenaltyTerminateAndCount(n, r, i) * bn;
      }
      for (let t = 0; t < this.size - 1; t++)
        for (let n = 0; n < this.size - 1; n++) {
          const r = this.modules[t][n];
          r === this.modules[t][n + 1] && r === this.modules[t + 1][n] && r === this.modules[t + 1][n + 1] && (e += yn);
        }
      let t = 0;
      for (const e of this.modules) t = e.reduce((e, t) => e + +!!t, t);
      const n = this.size * this.size,
        r = Math.ceil(Math.abs(t * 20 - n * 10) / n) - 1;
      return ((e += r * xn), e);
    }
    getAlignmentPatternPositions() {
      if (this.version === 1) return [];
      {
        const e = Math.floor(this.version / 7) + 2,
          t = this.version === 32 ? 26 : Math.ceil((this.version * 4 + 4) / (e * 2 - 2)) * 2,
          n = [6];
        for (let r = this.size - 7; n.length < e; r -= t) n.splice(1, 0, r);
        return n;
      }
    }
    finderPenaltyCountPatterns(e) {
      const t = e[1],
        n = t > 0 && e[2] === t && e[3] === t * 3 && e[4] === t && e[5] === t;
      return (n && e[0] >= t * 4 && e[6] >= t ? 1 : 0) + (n && e[6] >= t * 4 && e[0] >= t ? 1 : 0);
    }
    finderPenaltyTerminateAndCount(e, t, n) {
      return (
        e && (this.finderPenaltyAddHistory(t, n), (t = 0)),
        (t += this.size),
        this.finderPenaltyAddHistory(t, n),
        this.finderPenaltyCountPatterns(n)
      );
    }
    finderPenaltyAddHistory(e, t) {
      t[0] === 0 && (e += this.size), t.pop(), t.unshift(e);
    }
  };
function Q(e, t, n) {
  if (t < 0 || t > 31 || e >>> t) throw RangeError(`Value out of range`);
  for (let r = t - 1; r >= 0; r--) n.push((e >>> r) & 1);
}
function $(e, t) {
  return !!((e >>> t) & 1);
}
var Tn = class {
    constructor(e, t, n) {
      if (((this.mode = e), (this.numChars = t), (this.bitData = n), t < 0)) throw RangeError(`Invalid argument`);
      this.bitData = n.slice();
    }
    getData() {
      return this.bitData.slice();
    }
  },
  En = [1, 10, 12, 14],
  Dn = [2, 9, 11, 13],
  On = [4, 8, 16, 16];
function kn(e, t) {
  return e[Math.floor((t + 7) / 17) + 1];
}
function An(e) {
  const t = [];
  for (const n of e) Q(n, 8, t);
  return new Tn(On, e.length, t);
}
function jn(e) {
  if (!Pn(e)) throw RangeError(`String contains non-numeric characters`);
  const t = [];
  for (let n = 0; n < e.length; ) {
    const r = Math.min(e.length - n, 3);
    Q(Number.parseInt(e.substring(n, n + r), 10), r * 3 + 1, t), (n += r);
  }
  return new Tn(En, e.length, t);
}
function Mn(e) {
  if (!Fn(e)) throw RangeError(`String contains unencodable characters in alphanumeric mode`);
  let t = [],
    n = 0;
  for (; n + 2 <= e.length; n += 2) {
    let r = hn.indexOf(e.charAt(n)) * 45;
    (r += hn.indexOf(e.charAt(n + 1))), Q(r, 11, t);
  }
  return (n < e.length && Q(hn.indexOf(e.charAt(n)), 6, t), new Tn(Dn, e.length, t));
}
function Nn(e) {
  return e === `` ? [] : Pn(e) ? [jn(e)] : Fn(e) ? [Mn(e)] : [An(Ln(e))];
}
function Pn(e) {
  return pn.test(e);
}
function Fn(e) {
  return mn.test(e);
}
function In(e, t) {
  let n = 0;
  for (const r of e) {
    const e = kn(r.mode, t);
    if (r.numChars >= 1 << e) return 1 / 0;
    n += 4 + e + r.bitData.length;
  }
  return n;
}
function Ln(e) {
  e = encodeURI(e);
  const t = [];
  for (let n = 0; n < e.length; n++)
    e.charAt(n) === `%` ? (t.push(Number.parseInt(e.substring(n + 1, n + 3), 16)), (n += 2)) : t.push(e.charCodeAt(n));
  return t;
}
function Rn(e) {
  if (e < gn || e > _n) throw RangeError(`Version number out of range`);
  let t = (16 * e + 128) * e + 64;
  if (e >= 2) {
    const n = Math.floor(e / 7) + 2;
    (t -= (25 * n - 10) * n - 55), e >= 7 && (t -= 36);
  }
  return t;
}
function zn(e, t) {
  return Math.floor(Rn(e) / 8) - Sn[t[0]][e] * Cn[t[0]][e];
}
function Bn(e) {
  if (e < 1 || e > 255) throw RangeError(`Degree out of range`);
  const t = [];
  for (let n = 0; n < e - 1; n++) t.push(0);
  t.push(1);
  let n = 1;
  for (let r = 0; r < e; r++) {
    for (let e = 0; e < t.length; e++) (t[e] = Hn(t[e], n)), e + 1 < t.length && (t[e] ^= t[e + 1]);
    n = Hn(n, 2);
  }
  return t;
}
function Vn(e, t) {
  const n = t.map((e) => 0);
  for (const r of e) {
    const e = r ^ n.shift();
    n.push(0), t.forEach((t, r) => (n[r] ^= Hn(t, e)));
  }
  return n;
}
function Hn(e, t) {
  if (e >>> 8 || t >>> 8) throw RangeError(`Byte out of range`);
  let n = 0;
  for (let r = 7; r >= 0; r--) (n = (n << 1) ^ ((n >>> 7) * 285)), (n ^= ((t >>> r) & 1) * e);
  return n;
}
function Un(e, t, n = 1, r = 40, i = -1, a = !0) {
  if (!(gn <= n && n <= r && r <= _n) || i < -1 || i > 7) throw RangeError(`Invalid value`);
  let o, s;
  for (o = n; ; o++) {
    const n = zn(o, t) * 8,
      i = In(e, o);
    if (i <= n) {
      s = i;
      break;
    }
    if (o >= r) throw RangeError(`Data too long`);
  }
  for (const e of [ln, un, dn]) a && s <= zn(o, e) * 8 && (t = e);
  const c = [];
  for (const t of e) {
    Q(t.mode[0], 4, c), Q(t.numChars, kn(t.mode, o), c);
    for (const e of t.getData()) c.push(e);
  }
  const l = zn(o, t) * 8;
  Q(0, Math.min(4, l - c.length), c), Q(0, (8 - (c.length % 8)) % 8, c);
  for (let e = 236; c.length < l; e ^= 253) Q(e, 8, c);
  const u = Array.from({ length: Math.ceil(c.length / 8) }, () => 0);
  return (c.forEach((e, t) => (u[t >>> 3] |= e << (7 - (t & 7)))), new wn(o, t, u, i));
}
function Wn(e, t) {
  const { ecc: n = `L`, boostEcc: r = !1, minVersion: i = 1, maxVersion: a = 40, maskPattern: o = -1, border: s = 1 } = t || {},
    c = typeof e == `string` ? Nn(e) : Array.isArray(e) ? [An(e)] : void 0;
  if (!c) throw Error(`uqr only supports encoding string and binary data, but got: ${typeof e}`);
  const l = Un(c, fn[n], i, a, o, r),
    u = Gn({ version: l.version, maskPattern: l.mask, size: l.size, data: l.modules, types: l.types }, s);
  return (t?.invert && (u.data = u.data.map((e) => e.map((e) => !e))), t?.onEncoded?.(u), u);
}
function Gn(e, t = 1) {
  if (!t) return e;
  const { size: n } = e,
    r = n + t * 2;
  (e.size = r),
    e.data.forEach((e) => {
      for (let n = 0; n < t; n++) e.unshift(!1), e.push(!1);
    });
  for (let n = 0; n < t; n++) e.data.unshift(Array.from({ length: r }, (e) => !1)), e.data.push(Array.from({ length: r }, (e) => !1));
  const i = Z.Border;
  e.types.forEach((e) => {
    for (let n = 0; n < t; n++) e.unshift(i), e.push(i);
  });
  for (let n = 0; n < t; n++) e.types.unshift(Array.from({ length: r }, (e) => i)), e.types.push(Array.from({ length: r }, (e) => i));
  return e;
}
function Kn({ text: e, label: t }) {
  let { data: n, size: r } = Wn(e, { ecc: `M`, border: 4 }),
    i = ``;
  for (const [e, t] of n.entries()) for (const [n, r] of t.entries()) r && (i += `M${n} ${e}h1v1h-1z`);
  return U(`svg`, {
    class: `qr-code`,
    viewBox: `0 0 ${r} ${r}`,
    role: `img`,
    "aria-label": t,
    "shape-rendering": `crispEdges`,
    children: [U(`rect`, { width: r, height: r, fill: `#fff` }), U(`path`, { d: i, fill: `#000` })],
  });
}
function qn({ codes: e, onDone: t }) {
  const [n, r] = L(``),
    i = `Podkeys recovery codes (each works once)\n\n${e.join(`
`)}\n`;
  async function a() {
    try {
      await navigator.clipboard.writeText(i), r(`Copied to the clipboard.`);
    } catch {
      r(`Copying is not available here: select the codes, or download them.`);
    }
  }
  function o() {
    const e = URL.createObjectURL(new Blob([i], { type: `text/plain` })),
      t = document.createElement(`a`);
    (t.href = e),
      (t.download = `podkeys-recovery-codes.txt`),
      t.click(),
      URL.revokeObjectURL(e),
      r(`Downloaded podkeys-recovery-codes.txt.`);
  }
  return U(`div`, {
    class: `stack`,
    children: [
      U(`p`, { class: `success`, role: `status`, children: `Two-factor sign-in is on.` }),
      U(`div`, {
        class: `notice`,
        role: `note`,
        children: [
          U(`strong`, { children: `Save these recovery codes now: they will not be shown again.` }),
          ` If you lose your phone, each one signs you in once instead of a code from the app.`,
        ],
      }),
      U(`ul`, {
        class: `recovery-codes`,
        "aria-label": `Recovery codes`,
        children: e.map((e) => U(`li`, { children: U(`code`, { children: e }) }, e)),
      }),
      U(`div`, {
        class: `button-row`,
        children: [
          U(`button`, { type: `button`, class: `button button-primary`, onClick: a, autofocus: !0, children: `Copy` }),
          U(`button`, { type: `button`, class: `button`, onClick: o, children: `Download` }),
          U(`button`, { type: `button`, class: `button`, onClick: t, children: `Done` }),
        ],
      }),
      U(`p`, { class: `copy-status`, role: `status`, children: n }),
    ],
  });
}
function Jn({ onChanged: e }) {
  const [t, n] = L({ step: `loading` }),
    [r, i] = L();
  async function a() {
    try {
      const e = await V.twoFactorStatus();
      n(e.enabled ? { step: `on`, recoveryCodesLeft: e.recoveryCodesLeft } : { step: `off` });
    } catch (e) {
      i(H(e));
    }
  }
  R(() => void a(), []);
  const o = G(async () => n({ step: `enrolling`, ...(await V.enrolTwoFactor()) }));
  if (r) return U(Y, { message: r });
  switch (t.step) {
    case `loading`:
      return U(`p`, { class: `muted`, children: `Loading…` });
    case `off`:
      return U(`div`, {
        class: `stack`,
        children: [
          U(`p`, {
            children: [
              `Two-factor sign-in is `,
              U(`strong`, { children: `off` }),
              `. Turn it on to ask for a code from an authenticator app after your password.`,
            ],
          }),
          U(Y, { message: o.error }),
          U(`div`, {
            children: U(`button`, {
              type: `button`,
              class: `button button-primary`,
              onClick: o.run,
              disabled: o.busy,
              children: o.busy ? `Starting…` : `Turn on two-factor sign-in`,
            }),
          }),
        ],
      });
    case `enrolling`:
      return U(Yn, {
        secret: t.secret,
        otpauthUrl: t.otpauthUrl,
        onConfirmed: (t) => {
          n({ step: `codes`, codes: t }), e?.();
        },
        onCancel: () => n({ step: `off` }),
      });
    case `codes`:
      return U(qn, { codes: t.codes, onDone: () => void a() });
    case `on`:
      return U(Xn, {
        recoveryCodesLeft: t.recoveryCodesLeft,
        onOff: () => {
          n({ step: `off` }), e?.();
        },
      });
  }
}
function Yn({ secret: e, otpauthUrl: t, onConfirmed: n, onCancel: r }) {
  const [i, a] = L(``),
    { busy: o, error: s, submit: c } = G(async () => n((await V.confirmTwoFactor(i.trim())).recoveryCodes));
  return U(`form`, {
    class: `stack`,
    onSubmit: c,
    children: [
      U(`ol`, {
        class: `steps`,
        children: U(`li`, { children: `Scan this QR code with your authenticator app (1Password, Google Authenticator, Aegis…).` }),
      }),
      U(Kn, { text: t, label: `QR code for your authenticator app` }),
      U(`p`, {
        class: `muted`,
        children: [`Or enter this key by hand: `, U(`code`, { class: `secret-inline`, children: e.replace(/(.{4})/g, `$1 `).trim() })],
      }),
      U(`ol`, { class: `steps`, start: 2, children: U(`li`, { children: `Enter the 6-digit code the app shows.` }) }),
      U(J, { label: `Code from the app`, value: i, onValue: a, required: !0, autocomplete: `one-time-code`, maxLength: 8 }),
      U(Y, { message: s }),
      U(`div`, {
        class: `button-row`,
        children: [
          U(`button`, { type: `submit`, class: `button button-primary`, disabled: o, children: o ? `Checking…` : `Turn on` }),
          U(`button`, { type: `button`, class: `button`, onClick: r, disabled: o, children: `Cancel` }),
        ],
      }),
    ],
  });
}
function Xn({ recoveryCodesLeft: e, onOff: t }) {
  const [n, r] = L(``),
    {
      busy: i,
      error: a,
      submit: o,
    } = G(async () => {
      await V.disableTwoFactor(n.trim()), t();
    });
  return U(`form`, {
    class: `stack`,
    onSubmit: o,
    children: [
      U(`p`, { children: [`Two-factor sign-in is `, U(`strong`, { children: `on` }), `. `, e, ` of 10 recovery codes left.`] }),
      U(J, {
        label: `Code from the app, or a recovery code`,
        value: n,
        onValue: r,
        required: !0,
        autocomplete: `one-time-code`,
        maxLength: 32,
        hint: `Needed to turn two-factor sign-in off.`,
      }),
      U(ft, { error: a, done: ``, busy: i, label: `Turn off two-factor sign-in`, busyLabel: `Turning off…` }),
    ],
  });
}
function Zn({ onCreated: e }) {
  const [t, n] = L(``),
    [r, i] = L(``),
    [a, o] = L(`user`),
    [s, c] = L(``),
    {
      busy: l,
      error: u,
      submit: d,
    } = G(async () => {
      c(``);
      const { user: s } = await V.createUser({ username: t, password: r, role: a });
      n(``), i(``), o(`user`), c(`${s.username} can now sign in.`), await e();
    });
  return U(`form`, {
    class: `subform`,
    onSubmit: d,
    children: [
      U(`h3`, { class: `subheading`, children: `Create a user` }),
      U(`div`, {
        class: `form-grid`,
        children: [
          U(J, { label: `Username`, value: t, onValue: n, required: !0, maxLength: 64, autocomplete: `off` }),
          U(dt, { value: r, onValue: i, hint: `At least 10 characters. They can change it after signing in.` }),
          U(`div`, {
            class: `field`,
            children: [
              U(`label`, { for: `new-user-role`, children: `Role` }),
              U(`select`, {
                id: `new-user-role`,
                "aria-describedby": `new-user-role-hint`,
                value: a,
                onChange: (e) => o(e.currentTarget.value),
                children: [
                  U(`option`, { value: `user`, children: `Standard user` }),
                  U(`option`, { value: `admin`, children: `Administrator` }),
                ],
              }),
              U(`p`, { id: `new-user-role-hint`, class: `hint`, children: `Administrators manage everyone’s keys and users.` }),
            ],
          }),
        ],
      }),
      U(ft, { error: u, done: s, busy: l, label: `Create user`, busyLabel: `Creating…` }),
    ],
  });
}
function Qn({ user: e }) {
  const [t, n] = L();
  R(() => {
    V.listKeys({ userId: e.id }).then(
      ({ keys: e }) => n(e.length),
      () => n(void 0),
    );
  }, [e.id]);
  const r = t === void 0 ? `all their API keys` : t === 0 ? `who has no API keys` : t === 1 ? `their 1 API key` : `their ${t} API keys`;
  return U(y, {
    children: [
      U(`p`, {
        children: [`This permanently deletes `, U(`strong`, { children: e.username }), `, `, r, `, and signs them out everywhere.`],
      }),
      t !== 0 && U(`p`, { children: [`Applications using `, e.username, `’s keys lose access instantly.`] }),
    ],
  });
}
function $n({ user: e, onDone: t, onCancel: n, returnFocus: r }) {
  const [i, a] = L(``),
    {
      busy: o,
      error: s,
      submit: c,
    } = G(async () => {
      await V.resetPassword(e.id, i), t();
    });
  return U(q, {
    title: `Reset the password of “${e.username}”`,
    onDismiss: o ? void 0 : n,
    returnFocus: r,
    children: U(`form`, {
      onSubmit: c,
      children: [
        U(`p`, {
          class: `dialog-lead`,
          children: [
            e.username,
            ` is signed out everywhere at once and signs in with this password from now on. Tell them the new password in person or over a channel you trust.`,
          ],
        }),
        U(dt, { label: `New password`, value: i, onValue: a, autofocus: !0 }),
        U(pt, { error: s, busy: o, label: `Reset password`, busyLabel: `Resetting…`, onCancel: n }),
      ],
    }),
  });
}
function er({ user: e, onDone: t, onCancel: n, returnFocus: r }) {
  return U(Ct, {
    title: `Turn off two-factor sign-in for “${e.username}”?`,
    confirmLabel: `Turn off two-factor`,
    onCancel: n,
    returnFocus: r,
    onConfirm: async () => {
      await V.resetTwoFactor(e.id), t();
    },
    children: U(`p`, {
      children: [e.username, ` is signed out everywhere and signs in with the password alone until they turn it on again.`],
    }),
  });
}
function tr({ me: e, users: t, links: n, onChanged: r }) {
  const [i, a] = L(),
    [o, s] = L(),
    [c, l] = L(),
    [u, d] = L(``),
    f = z(null);
  async function p(t, n) {
    a(void 0);
    try {
      await V.changeRole(t.id, n);
    } catch (e) {
      a(H(e));
    }
    await r(t.id === e.id);
  }
  return U(`div`, {
    class: `stack`,
    children: [
      U(`h3`, { ref: f, tabIndex: -1, class: `subheading`, children: `People` }),
      U(Y, { message: i }),
      U(`p`, { class: `success`, role: `status`, children: u }),
      t === void 0
        ? U(`p`, { class: `muted`, children: `Loading users…` })
        : U(`ul`, {
            class: `user-list`,
            children: t.map((t) =>
              U(
                `li`,
                {
                  class: `user-row`,
                  children: [
                    U(`span`, {
                      class: `user-name`,
                      children: [
                        t.username,
                        t.id === e.id && U(`span`, { class: `badge`, children: `you` }),
                        U(`span`, {
                          class: t.twoFactor ? `badge badge-ok` : `badge`,
                          title: t.twoFactor ? `Two-factor sign-in is on` : `Two-factor sign-in is off`,
                          children: t.twoFactor ? `2FA on` : `2FA off`,
                        }),
                        n && U(nr, { link: n.find((e) => e.userId === t.id) }),
                      ],
                    }),
                    U(`label`, {
                      class: `inline-field`,
                      children: [
                        U(`span`, { class: `visually-hidden`, children: [`Role of `, t.username] }),
                        U(`select`, {
                          value: t.role,
                          onChange: (e) => p(t, e.currentTarget.value),
                          children: [
                            U(`option`, { value: `user`, children: `Standard user` }),
                            U(`option`, { value: `admin`, children: `Administrator` }),
                          ],
                        }),
                      ],
                    }),
                    t.id !== e.id &&
                      U(`button`, {
                        type: `button`,
                        class: `button button-small`,
                        onClick: () => {
                          d(``), l({ user: t, what: `password` });
                        },
                        children: [`Reset password`, U(`span`, { class: `visually-hidden`, children: [` of `, t.username] })],
                      }),
                    t.id !== e.id &&
                      t.twoFactor &&
                      U(`button`, {
                        type: `button`,
                        class: `button button-small`,
                        onClick: () => {
                          d(``), l({ user: t, what: `twoFactor` });
                        },
                        children: [`Reset 2FA`, U(`span`, { class: `visually-hidden`, children: [` of `, t.username] })],
                      }),
                    t.id !== e.id &&
                      U(`button`, {
                        type: `button`,
                        class: `button button-quiet-danger`,
                        onClick: () => {
                          a(void 0), s(t);
                        },
                        children: [`Delete`, U(`span`, { class: `visually-hidden`, children: [` user `, t.username] })],
                      }),
                  ],
                },
                t.id,
              ),
            ),
          }),
      U(Zn, { onCreated: () => r(!1) }),
      c &&
        (() => {
          const { user: e, what: t } = c;
          return U(t === `password` ? $n : er, {
            user: e,
            returnFocus: () => f.current,
            onCancel: () => l(void 0),
            onDone: () => {
              d(
                t === `password`
                  ? `${e.username}'s password was reset; they are signed out everywhere.`
                  : `Two-factor sign-in is off for ${e.username}.`,
              ),
                l(void 0),
                r(!1);
            },
          });
        })(),
      o &&
        U(Ct, {
          title: `Delete user “${o.username}”?`,
          confirmLabel: `Delete user`,
          onCancel: () => s(void 0),
          returnFocus: () => f.current,
          onConfirm: async () => {
            await V.deleteUser(o.id), s(void 0), await r(!1);
          },
          children: U(Qn, { user: o }),
        }),
    ],
  });
}
function nr({ link: e }) {
  return e
    ? U(`span`, { class: `cell-note`, title: `Pinepods user ${e.originUserId}`, children: [`Podcast server: `, e.originUsername] })
    : U(`span`, { class: `cell-note muted`, children: `Podcast server: not linked` });
}
function rr() {
  return U(`span`, {
    class: `brand`,
    children: [
      U(`svg`, {
        class: `brand-mark`,
        viewBox: `0 0 32 32`,
        "aria-hidden": `true`,
        children: [
          U(`rect`, { width: `32`, height: `32`, rx: `7` }),
          U(`circle`, { cx: `12`, cy: `16`, r: `5` }),
          U(`path`, { d: `M17 16h10m-3 0v4m-4-4v3` }),
        ],
      }),
      `Podkeys`,
    ],
  });
}
var ir = [
  [`api-keys`, `API Keys`],
  [`users`, `Users`],
  [`podcast-server`, `Podcast server`],
  [`activity`, `Activity`],
  [`sessions`, `Sessions`],
  [`password`, `Password`],
  [`two-factor`, `Two-factor sign-in`],
];
function ar({ me: e, onMeChanged: t, onSignOut: n }) {
  const r = e.role === `admin`,
    [i, a] = L(),
    [o, s] = L();
  async function c() {
    if (!r) return;
    const [e, t] = await Promise.all([V.listUsers(), V.listOriginLinks().catch(() => void 0)]);
    a(e.users), s(t?.configured ? t.links : void 0);
  }
  R(() => {
    c().catch(() => a([]));
  }, [r]);
  const [l, u] = L(!1);
  R(() => {
    V.listSessions().then(
      () => u(!0),
      (e) => u(!(e instanceof Ne && (e.status === 404 || e.status === 405))),
    );
  }, []);
  const d = ir.filter(([e]) => (r || e !== `users`) && (l || e !== `sessions`));
  return U(y, {
    children: [
      U(`header`, {
        class: `topbar`,
        children: U(`div`, {
          class: `topbar-inner`,
          children: [
            U(rr, {}),
            U(`div`, {
              class: `account`,
              children: [
                U(`span`, {
                  class: `account-name`,
                  children: [
                    U(`span`, { class: `visually-hidden`, children: `Signed in as ` }),
                    e.username,
                    r && U(`span`, { class: `badge`, children: `administrator` }),
                  ],
                }),
                U(`button`, { type: `button`, class: `button button-small`, onClick: n, children: `Sign out` }),
              ],
            }),
          ],
        }),
      }),
      U(`main`, {
        class: `page`,
        children: [
          U(`h1`, { class: `page-title`, children: `Settings` }),
          U(`nav`, {
            class: `section-links`,
            "aria-label": `Sections`,
            children: d.map(([e, t]) => U(`a`, { href: `#${e}`, children: t }, e)),
          }),
          U(W, {
            id: `api-keys`,
            title: `API Keys`,
            openOnArrival: !0,
            summary: r ? `Keys for apps and scripts, for every user` : `Keys for your apps and scripts`,
            children: U(tn, { me: e, users: i }),
          }),
          r &&
            U(W, {
              id: `users`,
              title: `Users`,
              summary: `Who can sign in, and who administers`,
              children: U(tr, {
                me: e,
                users: i,
                links: o,
                onChanged: async (e) => {
                  e ? await t() : await c();
                },
              }),
            }),
          U(W, {
            id: `podcast-server`,
            title: `Podcast server`,
            summary: `Link your Pinepods account so your apps reach it through Podkeys`,
            children: U(rn, {}),
          }),
          U(W, {
            id: `activity`,
            title: `Activity`,
            summary: r ? `Who did what to keys and users, and when` : `What happened to your keys and account`,
            children: U(ut, { isAdmin: r, users: i }),
          }),
          l && U(W, { id: `sessions`, title: `Sessions`, summary: `The browsers signed in to your account`, children: U(sn, {}) }),
          U(W, { id: `password`, title: `Password`, summary: `Change the password you sign in with`, children: U(nn, {}) }),
          U(W, {
            id: `two-factor`,
            title: `Two-factor sign-in`,
            summary: `A code from your phone after your password`,
            children: U(Jn, { onChanged: () => void c().catch(() => void 0) }),
          }),
        ],
      }),
    ],
  });
}
function or({ token: e, onDone: t }) {
  const [n, r] = L(e),
    [i, a] = L(`admin`),
    [o, s] = L(``),
    [c, l] = L(``),
    { busy: u, error: d, submit: f } = G(async () => t((await V.setup({ token: n, username: i, password: o })).user)),
    p = e ? `password` : `token`;
  return U(`main`, {
    class: `auth-page`,
    children: U(`form`, {
      class: `card auth-card`,
      onSubmit: f,
      children: [
        U(rr, {}),
        U(`h1`, { class: `auth-title`, children: `Welcome to Podkeys` }),
        U(`p`, { class: `muted`, children: `Create the administrator account. You can add more people afterwards.` }),
        !e &&
          U(J, {
            label: `Setup token`,
            value: n,
            onValue: r,
            required: !0,
            autocomplete: `off`,
            autofocus: p === `token`,
            hint: U(y, {
              children: [
                `The setup link of this site carries it. Without the link: it is the `,
                U(`code`, { children: `SETUP_TOKEN` }),
                ` secret this site was deployed with (run locally, `,
                U(`code`, { children: `npm start` }),
                ` prints the link).`,
              ],
            }),
          }),
        U(J, { label: `Username`, value: i, onValue: a, required: !0, maxLength: 64, autocomplete: `username` }),
        U(dt, { value: o, onValue: s, autofocus: p === `password` }),
        U(dt, {
          label: `Repeat password`,
          hint: `The same again, so a typo does not lock you out.`,
          value: c,
          onValue: l,
          invalid: c && c !== o ? `The two passwords differ.` : ``,
        }),
        U(Y, { message: d }),
        U(`button`, {
          type: `submit`,
          class: `button button-primary button-wide`,
          disabled: u,
          children: u ? `Creating account…` : `Create account`,
        }),
      ],
    }),
  });
}
function sr({ mfaToken: e, onSignedIn: t, onRestart: n }) {
  const [r, i] = L(``),
    [a, o] = L(!1),
    { busy: s, error: c, submit: l } = G(async () => t((await V.loginTwoFactor({ mfaToken: e, code: r.trim() })).user));
  return U(`form`, {
    class: `card auth-card`,
    onSubmit: l,
    children: [
      U(rr, {}),
      U(`h1`, { class: `auth-title`, children: `Two-factor sign-in` }),
      U(`p`, {
        class: `muted`,
        children: a ? `Enter one of your recovery codes. Each works once.` : `Enter the 6-digit code from your authenticator app.`,
      }),
      a
        ? U(
            J,
            { label: `Recovery code`, value: r, onValue: i, required: !0, autocomplete: `one-time-code`, autofocus: !0, maxLength: 32 },
            `recovery`,
          )
        : U(
            J,
            {
              label: `Code`,
              value: r,
              onValue: i,
              required: !0,
              autocomplete: `one-time-code`,
              autofocus: !0,
              maxLength: 8,
              hint: `It changes every 30 seconds.`,
            },
            `totp`,
          ),
      U(Y, { message: c }),
      U(`button`, { type: `submit`, class: `button button-primary button-wide`, disabled: s, children: s ? `Checking…` : `Sign in` }),
      U(`div`, {
        class: `auth-links`,
        children: [
          U(`button`, {
            type: `button`,
            class: `button-link`,
            onClick: () => {
              o(!a), i(``);
            },
            children: a ? `Use the authenticator app` : `Use a recovery code`,
          }),
          U(`button`, { type: `button`, class: `button-link`, onClick: n, children: `Start over` }),
        ],
      }),
    ],
  });
}
function cr({ notice: e, onSignedIn: t }) {
  const [n, r] = L(``),
    [i, a] = L(``),
    [o, s] = L(),
    [c, l] = L(!0),
    {
      busy: u,
      error: d,
      submit: f,
    } = G(async () => {
      l(!1);
      const e = await V.login({ username: n, password: i });
      if (`user` in e) return t(e.user);
      a(``), s(e.mfaToken);
    });
  return o
    ? U(`main`, { class: `auth-page`, children: U(sr, { mfaToken: o, onSignedIn: t, onRestart: () => s(void 0) }) })
    : U(`main`, {
        class: `auth-page`,
        children: U(`form`, {
          class: `card auth-card`,
          onSubmit: f,
          children: [
            U(rr, {}),
            U(`h1`, { class: `auth-title`, children: `Sign in` }),
            e && c && U(`p`, { class: `notice`, role: `status`, children: e }),
            U(J, { label: `Username`, value: n, onValue: r, required: !0, autocomplete: `username`, autofocus: !0 }),
            U(J, { label: `Password`, type: `password`, value: i, onValue: a, required: !0, autocomplete: `current-password` }),
            U(Y, { message: d }),
            U(`button`, {
              type: `submit`,
              class: `button button-primary button-wide`,
              disabled: u,
              children: u ? `Signing in…` : `Sign in`,
            }),
          ],
        }),
      });
}
var lr = {
  loading: `Podkeys`,
  setup: `Set up · Podkeys`,
  signIn: `Sign in · Podkeys`,
  settings: `Settings · Podkeys`,
  unreachable: `Podkeys`,
};
async function ur() {
  try {
    return { screen: `settings`, me: (await V.me()).user };
  } catch (e) {
    if (!(e instanceof Ne) || e.status !== 401) throw e;
  }
  return (await V.setupStatus()).needed
    ? { screen: `setup`, token: new URLSearchParams(location.search).get(`token`) ?? `` }
    : { screen: `signIn` };
}
function dr() {
  const [e, t] = L({ screen: `loading` });
  function n(e) {
    e.screen !== `setup` && location.pathname !== `/` && history.replaceState(null, ``, `/`), t(e);
  }
  async function r() {
    t({ screen: `loading` });
    try {
      n(await ur());
    } catch (e) {
      t({ screen: `unreachable`, message: H(e) });
    }
  }
  R(() => {
    Fe(() => n({ screen: `signIn`, notice: `Your session has ended. Sign in again.` })), r();
  }, []),
    R(() => {
      document.title = lr[e.screen];
    }, [e.screen]);
  const i = (e) => n({ screen: `settings`, me: e });
  switch (e.screen) {
    case `loading`:
      return U(`p`, { class: `loading`, role: `status`, children: `Loading…` });
    case `unreachable`:
      return U(`main`, {
        class: `auth-page`,
        children: U(`div`, {
          class: `card auth-card`,
          role: `alert`,
          children: [
            U(`h1`, { class: `auth-title`, children: `Podkeys is not answering` }),
            U(`p`, { children: e.message }),
            U(`button`, { type: `button`, class: `button button-primary`, onClick: r, children: `Try again` }),
          ],
        }),
      });
    case `setup`:
      return U(or, { token: e.token, onDone: i });
    case `signIn`:
      return U(cr, { notice: e.notice, onSignedIn: i });
    case `settings`:
      return U(ar, {
        me: e.me,
        onMeChanged: async () => i((await V.me()).user),
        onSignOut: async () => {
          await V.logout().catch(() => void 0), n({ screen: `signIn`, notice: `You are signed out.` });
        },
      });
  }
}
N(U(dr, {}), document.getElementById(`app`));
