/**
 * The report's stylesheet and script, inlined so the file works from disk with no fetches.
 *
 * The message panel is docked at the bottom of the window, full width, so a ladder keeps all of
 * its lifelines in view (ladders are wide: a column per role and per server party). While it is
 * open, `html.panel-open` reserves its height below the page and as scroll padding, and the script
 * scrolls the selected arrow into the part of the window the panel leaves free.
 */
export const HTML_REPORT_CSS = `
:root{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#fafbfc;--panel-h:clamp(180px,40vh,520px)}
body{margin:0;padding:16px 24px 64px}
html.panel-open{scroll-padding-bottom:calc(var(--panel-h) + 24px)}
html.panel-open body{padding-bottom:calc(var(--panel-h) + 16px)}
h1{font-size:20px;margin:0 0 8px} h2{font-size:17px;margin:28px 0 6px} h3{font-size:14px;margin:16px 0 6px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border:1px solid #d8dde6;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}
.st{font-weight:600;border-radius:3px;padding:1px 6px;color:#fff}
.st-passed,.st-passing,.st-fixed{background:#2e7d32}.st-failed,.st-new-failure,.st-still-failing{background:#c62828}
.st-error{background:#6a1b9a}.st-interrupted,.st-skipped,.st-new{background:#757575}.st-warned,.st-flaky{background:#ef6c00}
.baseline{background:#fff8e1;border:1px solid #ffcc80;padding:8px 12px;margin:8px 0;border-radius:4px}
.diag{background:#fff0f0;border-left:4px solid #c62828;padding:6px 10px;white-space:pre-wrap;font:12px ui-monospace,monospace}
.finding{font-size:13px;margin:2px 0}
.ladder-wrap{overflow-x:auto;scroll-padding-inline:24px;background:#fff;border:1px solid #d8dde6;border-radius:4px}
svg.ladder{font:12px ui-monospace,monospace;display:block}
svg.ladder .lifeline{stroke:#9aa5b4;stroke-dasharray:4 3}
svg.ladder .col-title{font-weight:700;font-family:system-ui,sans-serif}
svg.ladder .band{fill:#f3f6fa;stroke:#e1e6ee}
svg.ladder .band-failed{fill:#ffe3e3;stroke:#e57373}
svg.ladder .band-warned{fill:#fff3e0;stroke:#ffb74d}
svg.ladder .band-title{fill:#56606e;font-size:11px;font-family:system-ui,sans-serif}
svg.ladder .msg{cursor:pointer}
svg.ladder .msg .hit{fill:transparent}
svg.ladder .msg:hover .hit,svg.ladder .msg:focus .hit,svg.ladder .msg.sel .hit{fill:#e3f2fd}
svg.ladder .arrow{stroke:#1d2330;stroke-width:1.4}
svg.ladder .head{fill:#1d2330}
svg.ladder .seq{fill:#8a94a3;font-size:11px}
svg.ladder .msg.hl .arrow{stroke:#d32f2f;stroke-width:3}
svg.ladder .msg.hl .head{fill:#d32f2f}
svg.ladder .msg.hl .label{fill:#d32f2f;font-weight:700}
svg.ladder .msg.bad .label{fill:#6a1b9a}
#panel{position:fixed;left:0;right:0;bottom:0;height:var(--panel-h);box-sizing:border-box;background:#fff;
 border-top:2px solid #90a4ae;box-shadow:0 -4px 12px rgba(0,0,0,.12);padding:10px 24px;overflow:auto;display:none}
#panel.open{display:block}
#panel pre{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}
#panel button{float:right}
pre.raw{display:none}
`;

export const HTML_REPORT_SCRIPT = `
(function(){
  var root=document.documentElement,panel=document.getElementById('panel'),body=document.getElementById('panel-body'),head=document.getElementById('panel-head');
  function selected(){return document.querySelector('svg.ladder .msg.sel')}
  function show(g){
    var src=document.getElementById(g.getAttribute('data-msg'));if(!src)return;
    var prev=selected();if(prev)prev.classList.remove('sel');
    g.classList.add('sel');head.textContent=src.getAttribute('data-title')||'';body.textContent=src.textContent;
    panel.classList.add('open');root.classList.add('panel-open');panel.scrollTop=0;
    (g.querySelector('.hit')||g).scrollIntoView({block:'nearest',inline:'nearest'});
  }
  function close(){
    if(!panel.classList.contains('open'))return;
    panel.classList.remove('open');root.classList.remove('panel-open');
    var g=selected();if(g)g.focus({preventScroll:true});
  }
  document.querySelectorAll('svg.ladder .msg').forEach(function(g){
    g.addEventListener('click',function(){show(g)});
    g.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();show(g)}});
  });
  document.getElementById('panel-close').addEventListener('click',close);
  document.addEventListener('keydown',function(e){if(e.key==='Escape')close()});
})();
`;
