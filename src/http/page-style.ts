/**
 * The page's one stylesheet, inline (the CSP allows inline styles and nothing else). Colours
 * keep text at 4.5:1 or better; one column below 60rem; the month table turns into a list of
 * days on a phone.
 */
export const PAGE_STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
a { color: #174a8b; }
a:hover { color: #0b2f5c; }
:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 2; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
header { background: #1d3557; color: #fff; padding: .75rem 1rem; }
header h1 { margin: 0; font-size: 1.6rem; }
header p { margin: .25rem 0 0; }
main, footer { max-width: 76rem; margin: 0 auto; padding: 0 1rem; }
footer { color: #4a4a4a; font-size: .9rem; border-top: 1px solid #d0d4da; margin-top: 2rem; }
h2 { font-size: 1.25rem; color: #1d3557; margin: 1.25rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
.error { background: #fde8e8; color: #8b1a1a; border: 1px solid #e0a0a0; padding: .5rem 1rem; margin-top: 1rem; border-radius: 4px; }
.filters { background: #f4f6f9; border: 1px solid #d0d4da; border-radius: 6px; padding: .5rem 1rem 1rem; margin-top: 1rem; }
.filters h2 { margin-top: .5rem; }
.filters .when { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: end; }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters legend, .filters label[for=from], .filters label[for=place] { font-weight: 600; }
.filters .view label { margin: 0 1rem 0 .25rem; }
.filters input[type=date], .filters input[type=text] { font: inherit; padding: .3rem .4rem; border: 1px solid #6b7280; border-radius: 4px; display: block; }
.filters input[type=text] { width: 100%; max-width: 22rem; }
.groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .5rem 1rem; margin-top: .75rem; align-items: start; }
details.choices { background: #fff; border: 1px solid #c3c8d0; border-radius: 4px; }
details.choices summary { cursor: pointer; padding: .4rem .6rem; font-weight: 600; }
details.choices ul { list-style: none; margin: 0; padding: 0 .6rem .5rem; max-height: 16rem; overflow-y: auto; }
details.choices li { padding: .1rem 0; }
details.choices label { margin-left: .35rem; }
.picked { font-weight: 400; color: #174a8b; }
.help { margin: .2rem 0 0; font-size: .9rem; color: #4a4a4a; }
.actions { margin-top: .75rem; }
button { font: inherit; background: #1d3557; color: #fff; border: 0; padding: .45rem 1.1rem; border-radius: 4px; cursor: pointer; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 0 2rem; }
@media (max-width: 60rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
nav.window { display: flex; gap: 1rem; flex-wrap: wrap; margin: .25rem 0; }
nav.pages p { margin: .25rem 0; }
section.day { border-top: 1px solid #d0d4da; }
section.day.past h3 { color: #4a4a4a; }
section.day.is-today { background: #fff8e6; border-top: 3px solid #b35c00; padding: 0 .5rem; }
.today-badge { display: inline-block; background: #8a4500; color: #fff; font-size: .8rem; font-weight: 700; padding: 0 .45rem; border-radius: 3px; vertical-align: middle; }
.none { color: #4a4a4a; margin: .25rem 0 .5rem; }
ul.strikes { list-style: none; padding: 0; margin: 0 0 .5rem; }
ul.strikes li { padding: .35rem 0; border-bottom: 1px solid #eceef1; }
.where { margin-right: .25rem; }
.where::before { content: "· "; }
.status { font-size: .9rem; background: #e8edf4; color: #1d3557; padding: 0 .35rem; border-radius: 3px; }
.status-cancelled .status, .status-suspended .status, .status-postponed .status { background: #fde8e8; color: #8b1a1a; }
.status-threatened .status { background: #fff1d6; color: #6b3a00; }
.source { display: block; color: #4a4a4a; font-size: .9rem; }
.no-area { font-style: italic; }
abbr[title] { text-decoration: underline dotted; }
table.month { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: .5rem; }
table.month caption { text-align: left; font-weight: 600; padding: .25rem 0; }
table.month th { font-size: .9rem; padding: .25rem; border-bottom: 2px solid #1d3557; }
table.month td { vertical-align: top; border: 1px solid #d0d4da; height: 6.5rem; padding: .25rem; font-size: .85rem; overflow-wrap: anywhere; }
table.month td.today { background: #fff8e6; outline: 2px solid #b35c00; outline-offset: -2px; }
table.month td .num { font-weight: 700; font-size: 1rem; }
table.month td .long { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
table.month ul { list-style: none; margin: .15rem 0; padding: 0; }
table.month .status { font-size: .75rem; }
table.month .more { display: block; font-size: .8rem; }
@media (max-width: 40rem) {
  table.month, table.month tbody, table.month tr, table.month td, table.month caption { display: block; width: 100%; }
  table.month thead, table.month td.pad, table.month td.quiet:not(.today) { display: none; }
  table.month td { height: auto; border: 0; border-top: 1px solid #d0d4da; padding: .5rem 0; font-size: 1rem; }
  table.month td .num { display: none; }
  table.month td .long { position: static; width: auto; height: auto; clip-path: none; font-weight: 700; }
}
figure.map { margin: 0; }
figure.map figcaption { font-size: .9rem; color: #4a4a4a; margin-bottom: .5rem; }
figure.map svg { max-width: 100%; height: auto; display: block; }
figure.map a.tile:focus-visible rect, figure.map a.tile:hover rect { stroke: #b35c00; stroke-width: 4; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem .9rem; padding: 0; margin: .5rem 0; font-size: .9rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #5a6270; vertical-align: -2px; margin-right: .3rem; }
.map-note { font-size: .9rem; margin: .25rem 0; }
ul.stances { padding-left: 1.1rem; }
ul.stances li { margin-bottom: .4rem; }
.take ul { padding-left: 1.1rem; }
`;
