/**
 * The console's only style sheet and script, served from /console/assets/ (the Content-Security-Policy
 * allows nothing else). The script is progressive enhancement: every form works without it; with it,
 * destructive buttons ask first and secret fields can be copied.
 */
export const CSS = `
:root{--fg:#1b1b1b;--muted:#4d4d4d;--line:#c9c9c9;--bg:#fff;--soft:#f3f4f6;--link:#0b57a4;--ok:#0f6b2f;--bad:#a4161a;--warn:#7a4b00}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.5rem 1rem;background:#102a43;color:#fff}
header a,header .who{color:#fff}
header .brand{font-weight:700;text-decoration:none;margin-right:auto}
header form{margin:0}
header button{background:transparent;border:1px solid #fff;color:#fff}
nav.pool{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.5rem 1rem;background:var(--soft);border-bottom:1px solid var(--line)}
nav.pool a[aria-current=page]{font-weight:700;color:var(--fg)}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft)}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;word-break:break-all}
form.card,section.card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
form.inline{display:inline}
label{display:block;margin:.4rem 0 .15rem;font-weight:600}
label.check{font-weight:400;display:flex;gap:.4rem;align-items:center}
input[type=text],input[type=password],input[type=number],input[type=search],select,textarea{font:inherit;width:100%;max-width:32rem;padding:.35rem .5rem;border:1px solid #767676;border-radius:4px;background:#fff;color:var(--fg)}
textarea{max-width:100%;min-height:8rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
button{font:inherit;padding:.35rem .8rem;border-radius:4px;border:1px solid #1f4e8c;background:#1f5fa8;color:#fff;cursor:pointer;margin:.4rem .4rem 0 0}
button.secondary{background:#fff;color:#1f4e8c}
button.danger{background:var(--bad);border-color:var(--bad)}
.row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.row>div{flex:1 1 12rem}
.flash{padding:.5rem .75rem;border-radius:4px;margin:.5rem 0;border:1px solid}
.flash.ok{color:var(--ok);border-color:var(--ok);background:#eef8f1}
.flash.err{color:var(--bad);border-color:var(--bad);background:#fdf0f0}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;border:1px solid currentColor;font-size:.85em;font-weight:600}
.badge.ok{color:var(--ok)}.badge.bad{color:var(--bad)}.badge.warn{color:var(--warn)}.badge.muted{color:var(--muted)}
.big{font-size:1.1rem}
.muted{color:var(--muted)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem}
.stats div{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem}
.stats b{display:block;font-size:1.6rem}
.prominent{border:2px solid #1f5fa8;border-radius:6px;padding:.5rem .75rem;margin:.75rem 0;background:#f2f7fd}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.kv dt{font-weight:600}dl.kv dd{margin:0}
@media (max-width:40rem){main{padding:.5rem}th,td{padding:.3rem}dl.kv{grid-template-columns:1fr}}
`;

export const JS = `"use strict";
document.addEventListener("submit",function(e){var f=e.target,m=f&&f.getAttribute("data-confirm");if(m&&!window.confirm(m))e.preventDefault();});
document.addEventListener("click",function(e){var b=e.target;if(!b||!b.hasAttribute||!b.hasAttribute("data-copy"))return;var t=document.getElementById(b.getAttribute("data-copy"));if(t&&navigator.clipboard){navigator.clipboard.writeText(t.textContent||"");b.textContent="Copied";}});
`;
