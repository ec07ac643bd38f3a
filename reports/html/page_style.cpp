#include "reports/html/page_style.h"

namespace crm::reports {

const std::string_view kPageStyle = R"css(
:root{--ink:#1d2430;--muted:#5b6472;--line:#d5dae1;--ok:#2e7d4f;--bad:#b3261e;--warn:#a86400;--info:#2f5f98}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f6f7f9}
header.page,main,footer.page{max-width:1100px;margin:0 auto;padding:0 24px}
header.page{padding-top:20px;border-bottom:3px solid var(--info);background:#fff}
header.page h1{margin:0 0 4px;font-size:24px}
header.page dl{display:flex;flex-wrap:wrap;gap:4px 24px;margin:8px 0 12px;color:var(--muted)}
header.page dt{font-weight:600}header.page dd{margin:0 0 0 4px}
nav a{margin-right:16px}
main{background:#fff;padding-bottom:24px}
section{margin:0;padding:12px 0;border-bottom:1px solid var(--line)}
h2{font-size:19px;margin:12px 0 8px}h3{font-size:16px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef1f5}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.verdict-pass{color:var(--ok);font-weight:600}.verdict-fail{color:var(--bad);font-weight:600}
.verdict-warn{color:var(--warn);font-weight:600}
.empty{color:var(--muted);font-style:italic}
.pii-shown{color:var(--bad);font-weight:700}
code,.raw{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
ul.findings li.level-error{color:var(--bad)}ul.findings li.level-warning{color:var(--warn)}
figure.chart{margin:8px 0 12px}
figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:12px}
.chart-label,.chart-value{font-size:12px;fill:var(--ink)}
.chart-axis{stroke:var(--muted);stroke-width:1}
.tone-ok{fill:var(--ok)}.tone-bad{fill:var(--bad)}.tone-warn{fill:var(--warn)}
.tone-info{fill:var(--info)}.tone-muted{fill:#9aa3ae}
.signoff{display:none}
footer.page{color:var(--muted);font-size:12px;padding:12px 24px 24px}
@media print{
 @page{size:A4;margin:15mm 12mm}
 body{background:#fff;font-size:10.5pt}
 header.page,main,footer.page{max-width:none;padding:0}
 nav{display:none}
 section{break-inside:auto}
 h2,h3{break-after:avoid}
 tr,figure.chart{break-inside:avoid}
 thead{display:table-header-group}
 a{color:inherit;text-decoration:none}
 .signoff{display:block;margin-top:18mm}
 .signoff div{display:inline-block;width:45%;margin-right:4%;border-top:1px solid #000;padding-top:2mm}
}
)css";

}  // namespace crm::reports
