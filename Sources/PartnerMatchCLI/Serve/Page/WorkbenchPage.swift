import PartnerMatch

/// The workbench page: one HTML document, its script and its style, compiled into the binary
/// (no CDN, no network). The script sets every value with `textContent`, never as markup, so a
/// vendor's name stays text; the Content-Security-Policy allows only these three files.
enum WorkbenchPage {
    static let html = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>partner-match workbench</title>
    <link rel="stylesheet" href="/app.css">
    <script src="/app.js" defer></script>
    </head>
    <body>
    <header>
      <h1>partner-match workbench</h1>
      <span id="source"></span>
      <span id="busy" class="busy" hidden>solving…</span>
      <span class="actions">
        <button id="download-scenario" type="button">Download scenario</button>
        <button id="download-report" type="button">Download report</button>
      </span>
    </header>
    <main>
      <section id="form" aria-label="Scenario">
        <h2>Scenario</h2>
        <label class="row">Name <input id="name" type="text"></label>
        <h3>Demand (FTE)</h3>
        <div id="demand"></div>
        <h3>Budget</h3>
        <label class="row">Total <input id="budget" type="number" min="0" step="1000"></label>
        <input id="budget-slider" type="range" min="0" max="100" step="1" aria-label="Budget slider">
        <div class="hint" id="budget-hint"></div>
        <h3>Weights</h3>
        <div id="weights"></div>
        <div class="hint" id="weights-method"></div>
        <h3>Rules</h3>
        <div id="rules"></div>
        <div id="scenario-errors" class="errors" hidden></div>
      </section>
      <section id="results" aria-label="Results">
        <div id="errors" class="errors" hidden></div>
        <h2>Team</h2>
        <div id="team-status" class="status"></div>
        <table id="team"><thead><tr><th>id</th><th>name</th><th>FTE</th><th>skills</th><th>cost</th></tr></thead><tbody></tbody></table>
        <div id="binding"></div>
        <h3>What each rule costs</h3>
        <div class="hint" id="prices-status"></div>
        <table id="rule-prices"><thead><tr><th>rule</th><th>now</th><th>without</th><th>price</th><th>cost change</th><th>joins</th><th>leaves</th></tr></thead><tbody></tbody></table>
        <div id="extras"></div>
        <div id="explanation" hidden>
          <h3>Why no team</h3>
          <ul id="relaxations"></ul>
        </div>
        <h3>Exit</h3>
        <table id="exits"><thead><tr><th>member leaves</th><th>best team without it</th><th>change</th></tr></thead><tbody></tbody></table>
        <h2>Budget frontier</h2>
        <img id="chart" alt="Budget frontier: utility of the optimal team at each budget">
        <div class="hint" id="chart-status"></div>
        <h2>Shortlist</h2>
        <div class="hint" id="derived-weights"></div>
        <table id="shortlist"><thead><tr><th>#</th><th>id</th><th>name</th><th>utility</th>\#(Criterion.allCases.map { "<th>\($0.rawValue)</th>" }.joined())</tr></thead><tbody></tbody></table>
        <h2>Robustness</h2>
        <button id="robustness" type="button">Compute robustness (200 weight samples)</button>
        <div id="robustness-status" class="hint"></div>
        <table id="robustness-table"><thead><tr><th>id</th><th>name</th><th>share of samples in the team</th></tr></thead><tbody></tbody></table>
      </section>
    </main>
    </body>
    </html>

    """#

    static let style = #"""
    body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f7f9; }
    header { display: flex; gap: 1em; align-items: baseline; padding: .6em 1em; background: #24324a; color: #fff; }
    header h1 { font-size: 1.2em; margin: 0; }
    header .actions { margin-left: auto; display: flex; gap: .5em; }
    main { display: grid; grid-template-columns: minmax(300px, 380px) 1fr; gap: 1em; padding: 1em; }
    section { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: .5em 1em 1em; min-width: 0; }
    h2 { font-size: 1.1em; margin: .8em 0 .3em; } h3 { font-size: 1em; margin: .8em 0 .3em; color: #46506a; }
    label.row { display: flex; justify-content: space-between; gap: .5em; margin: .2em 0; }
    input[type=number], input[type=text] { width: 9em; }
    input[type=range] { width: 100%; }
    .weight { display: grid; grid-template-columns: 6.5em 1fr 3.2em 3.6em; gap: .4em; align-items: center; }
    .weight .derived { color: #2f6f3e; font-variant-numeric: tabular-nums; }
    .rule { display: grid; grid-template-columns: 1.4em 8em 1fr 6.8em; gap: .3em; align-items: center; margin: .15em 0; }
    .rule label { overflow-wrap: anywhere; }
    .rule .price { font-size: .85em; color: #5b6579; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .rule .price.costs { color: #8a4b00; font-weight: 600; }
    .rule.off .value { opacity: .4; }
    .rule .value { width: 100%; box-sizing: border-box; }
    table { border-collapse: collapse; width: 100%; margin: .3em 0; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: .2em .5em; border-bottom: 1px solid #e3e6eb; }
    th { background: #eef1f5; font-weight: 600; }
    .hint { color: #5b6579; font-size: .92em; }
    .status { font-weight: 600; }
    .status.infeasible, .errors { color: #9b1c1c; }
    .errors { background: #fdf0f0; border: 1px solid #f0c4c4; padding: .5em; border-radius: 4px; white-space: pre-wrap; }
    .busy { color: #ffd76a; }
    #chart { max-width: 100%; border: 1px solid #e3e6eb; min-height: 2em; }
    #relaxations li { margin: .3em 0; }
    #relaxations button { margin-left: .5em; }
    .field-error { outline: 2px solid #c0392b; }
    .field-message { color: #9b1c1c; font-size: .9em; }

    """#
}
