//! The window as a self-contained SVG: axes with units and ticks, the met region filled, each
//! bound of the claim drawn through its exact points (dashed where the bound is excluded), the
//! product's own point with its tolerance box, and a legend. Coordinates are floats: they only
//! place ink; every boundary point was decided exactly.

use super::window::{Region, Row};
use std::fmt::Write as _;

const W: f64 = 800.0;
const H: f64 = 520.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 230.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 64.0;

/// Ticks at 1, 2 or 5 times a power of ten, about six over the range.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return vec![lo];
    }
    let raw = span / 6.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 8.0)
        .unwrap_or(mag * 10.0);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + step * 1e-9 && out.len() < 20 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

fn num(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn svg(r: &Region) -> String {
    let (x0, x1) = (r.x.from.approx(), r.x.to.approx());
    let (y0, y1) = (r.y.from.approx(), r.y.to.approx());
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let sx = |v: f64| LEFT + (v - x0) / (x1 - x0) * pw;
    let sy = |v: f64| TOP + ph - (v - y0) / (y1 - y0) * ph;
    let mut o = String::new();
    let _ = writeln!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"##
    );
    let _ = writeln!(
        o,
        r##"<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#b08000" stroke-width="1.5"/></pattern><clipPath id="plot"><rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}"/></clipPath></defs>"##
    );
    let _ = writeln!(o, r##"<rect width="{W}" height="{H}" fill="white"/>"##);
    let _ = writeln!(
        o,
        r##"<text x="{}" y="24" font-size="14" font-weight="bold">{}</text>"##,
        LEFT,
        esc(&r.title)
    );
    // Region: consecutive rows with one span each make one polygon; other rows are bands.
    let dy = if r.rows.len() > 1 {
        (y1 - y0) / (r.rows.len() - 1) as f64
    } else {
        y1 - y0
    };
    let _ = writeln!(o, r##"<g clip-path="url(#plot)">"##);
    let mut run: Vec<&Row> = Vec::new();
    let flush = |run: &mut Vec<&Row>, o: &mut String| {
        if run.len() >= 2 {
            let mut pts: Vec<String> = Vec::new();
            for row in run.iter() {
                if let Some(s) = row.met.first() {
                    pts.push(format!(
                        "{},{}",
                        num(sx(s.lo.approx())),
                        num(sy(row.y.approx()))
                    ));
                }
            }
            for row in run.iter().rev() {
                if let Some(s) = row.met.first() {
                    pts.push(format!(
                        "{},{}",
                        num(sx(s.hi.approx())),
                        num(sy(row.y.approx()))
                    ));
                }
            }
            let _ = writeln!(
                o,
                r##"<polygon points="{}" fill="#9fd3a8" stroke="none"/>"##,
                pts.join(" ")
            );
        } else if let Some(row) = run.first() {
            band(o, row, dy, &sx, &sy, "#9fd3a8");
        }
        run.clear();
    };
    for row in &r.rows {
        if row.met.len() == 1 {
            run.push(row);
        } else {
            flush(&mut run, &mut o);
            if row.met.len() > 1 {
                band(&mut o, row, dy, &sx, &sy, "#9fd3a8");
            }
        }
        if row.open {
            let top = sy(row.y.approx() + dy / 2.0);
            let bottom = sy(row.y.approx() - dy / 2.0);
            let _ = writeln!(
                o,
                r##"<rect x="{LEFT}" y="{}" width="{pw}" height="{}" fill="url(#hatch)" opacity="0.5"/>"##,
                num(top),
                num((bottom - top).abs())
            );
        }
    }
    flush(&mut run, &mut o);
    // Bounds: the claim's own ends of each span, joined along consecutive rows.
    for side in [false, true] {
        let mut seg: Vec<(f64, f64, bool)> = Vec::new();
        let draw = |seg: &mut Vec<(f64, f64, bool)>, o: &mut String| {
            if seg.len() >= 2 {
                let strict = seg.iter().filter(|p| p.2).count() * 2 >= seg.len();
                let pts: Vec<String> = seg
                    .iter()
                    .map(|(x, y, _)| format!("{},{}", num(sx(*x)), num(sy(*y))))
                    .collect();
                let dash = if strict {
                    r##" stroke-dasharray="6 4""##
                } else {
                    ""
                };
                let _ = writeln!(
                    o,
                    r##"<polyline points="{}" fill="none" stroke="#1b5e20" stroke-width="2"{dash}/>"##,
                    pts.join(" ")
                );
            }
            seg.clear();
        };
        for row in &r.rows {
            let end = row.met.first().and_then(|s| {
                let (v, bound, strict) = if side {
                    (s.hi, s.hi_bound, s.hi_strict)
                } else {
                    (s.lo, s.lo_bound, s.lo_strict)
                };
                bound.then_some((v.approx(), row.y.approx(), strict))
            });
            match end {
                Some(p) if row.met.len() == 1 => seg.push(p),
                _ => draw(&mut seg, &mut o),
            }
        }
        draw(&mut seg, &mut o);
    }
    // The product: its value and the box its tolerances span.
    if let Some((px, py)) = &r.point {
        let (a, b) = (sx(px.lo.approx()), sx(px.hi.approx()));
        let (c, d) = (sy(py.hi.approx()), sy(py.lo.approx()));
        if a != b || c != d {
            let _ = writeln!(
                o,
                r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#b71c1c" stroke-width="1.5"/>"##,
                num(a.min(b)),
                num(c.min(d)),
                num((b - a).abs().max(1.0)),
                num((d - c).abs().max(1.0))
            );
        }
        let _ = writeln!(
            o,
            r##"<circle cx="{}" cy="{}" r="4" fill="#b71c1c"/>"##,
            num((a + b) / 2.0),
            num((c + d) / 2.0)
        );
    }
    let _ = writeln!(o, "</g>");
    // Axes, ticks and labels.
    let _ = writeln!(
        o,
        r##"<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="black"/>"##
    );
    for t in ticks(x0.min(x1), x0.max(x1)) {
        let x = sx(t);
        let _ = writeln!(
            o,
            r##"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="black"/><text x="{0}" y="{3}" text-anchor="middle">{4}</text>"##,
            num(x),
            num(TOP + ph),
            num(TOP + ph + 5.0),
            num(TOP + ph + 19.0),
            num(t)
        );
    }
    for t in ticks(y0.min(y1), y0.max(y1)) {
        let y = sy(t);
        let _ = writeln!(
            o,
            r##"<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="black"/><text x="{3}" y="{4}" text-anchor="end">{5}</text>"##,
            num(LEFT - 5.0),
            num(y),
            num(LEFT),
            num(LEFT - 8.0),
            num(y + 4.0),
            num(t)
        );
    }
    let _ = writeln!(
        o,
        r##"<text x="{}" y="{}" text-anchor="middle">{}</text>"##,
        num(LEFT + pw / 2.0),
        num(H - 18.0),
        esc(&r.x.label())
    );
    let _ = writeln!(
        o,
        r##"<text transform="translate(22,{}) rotate(-90)" text-anchor="middle">{}</text>"##,
        num(TOP + ph / 2.0),
        esc(&r.y.label())
    );
    // Legend.
    let lx = LEFT + pw + 18.0;
    let items: [(&str, String); 5] = [
        ("claim met", r##"<rect x="0" y="-9" width="22" height="12" fill="#9fd3a8"/>"##.into()),
        ("bound, excluded", r##"<line x1="0" y1="-3" x2="22" y2="-3" stroke="#1b5e20" stroke-width="2" stroke-dasharray="6 4"/>"##.into()),
        ("bound, included", r##"<line x1="0" y1="-3" x2="22" y2="-3" stroke="#1b5e20" stroke-width="2"/>"##.into()),
        ("product (box: tolerance)", r##"<circle cx="11" cy="-3" r="4" fill="#b71c1c"/>"##.into()),
        ("undetermined", r##"<rect x="0" y="-9" width="22" height="12" fill="url(#hatch)"/>"##.into()),
    ];
    for (i, (label, mark)) in items.iter().enumerate() {
        let y = TOP + 14.0 + 22.0 * i as f64;
        let _ = writeln!(
            o,
            r##"<g transform="translate({},{})">{mark}<text x="30" y="0">{}</text></g>"##,
            num(lx),
            num(y),
            esc(label)
        );
    }
    o.push_str("</svg>\n");
    o
}

fn band(
    o: &mut String,
    row: &Row,
    dy: f64,
    sx: &dyn Fn(f64) -> f64,
    sy: &dyn Fn(f64) -> f64,
    fill: &str,
) {
    for s in &row.met {
        let top = sy(row.y.approx() + dy / 2.0);
        let bottom = sy(row.y.approx() - dy / 2.0);
        let _ = writeln!(
            o,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"##,
            num(sx(s.lo.approx())),
            num(top.min(bottom)),
            num((sx(s.hi.approx()) - sx(s.lo.approx())).abs()),
            num((bottom - top).abs())
        );
    }
}
