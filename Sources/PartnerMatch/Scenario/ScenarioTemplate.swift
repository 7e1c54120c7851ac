extension Scenario {
    /// The template's `[weights]` lines: each registered criterion's key at its default weight.
    private static var templateWeights: String {
        Criterion.registered.map { definition in
            let assignment = "\(definition.key) = \(Format.fixed(definition.defaultWeight, decimals: 2))"
            return assignment + String(repeating: " ", count: max(1, 34 - assignment.count))
                + "# default \(Format.fixed(definition.defaultWeight, decimals: 2))"
        }.joined(separator: "\n")
    }

    /// The commented scenario written by `partner-match init`: docs/MODEL.md's example with every key and
    /// its default explained. It parses as-is (tested).
    public static let template = """
    # partner-match scenario. TOML; the same keys work in JSON (dates as "YYYY-MM-DD" strings).
    # Required: [demand], budget.total, horizon.months, client.timezone. Every other key shows its
    # default in the comment next to it.

    name = "Mobile app rebuild"       # default "Untitled scenario"
    currency = "USD"                  # a label for amounts; default "USD"
    start_date = 2027-01-04           # first day of the 52-week overlap window; default 2027-01-04
    # objective = "cost"              # the cheapest team whose mean utility per FTE reaches
    # min_mean_utility = 0.75         # min_mean_utility (budget.total is then optional); default "utility"

    [client]
    timezone = "Europe/Berlin"        # required: an IANA time zone
    work_start = "09:00"              # HH:MM; default 09:00
    work_end = "17:30"                # HH:MM (24:00 allowed); default 17:00. An end not after the start
                                      # crosses midnight; an end equal to the start is 24 hours

    [demand]                          # required: FTE per skill (> 0), or `total = 12` when skills do not matter
    backend = 4                       # skills compare case-insensitively, ignoring spaces, "-" and "_"
    ios = 2
    qa = 1

    [horizon]
    months = 12                       # required: M > 0
    hours_per_month = 160             # H, hours per FTE-month; default 160

    [budget]
    total = 1_250_000                 # required: B > 0, for the whole horizon

    [weights]                         # w_c ≥ 0 with a positive sum; only ratios matter
    \(templateWeights)
    # Or instead of the \(Format.cardinal(Criterion.registered.count)) numbers, one of (docs/MODEL.md, "Weights"):
    # order = ["quality", "cost", ["timezone", "security"], "culture"]   # ranking; nested = tie
    # ahp = { "quality/cost" = 3, "quality/timezone" = 5, "cost/timezone" = 2 }  # Saaty 1–9, CR ≤ 0.10

    [rules]
    min_overlap_hours = 2.0           # mean daily overlap with the client, hours; default 0
    required_certifications = ["ISO27001"]  # all must be held; default []
    min_quality = 60                  # 0–100; default 0
    min_cultural_fit = 0              # 0–100; default 0
    allowed_countries = []            # codes or names ("CA", "Canada"); empty (the default): all
    excluded_countries = []           # default []
    exclude_vendors = []              # vendor ids never in the team, e.g. ["V003"]; default []
    max_rate = 120                    # highest hourly rate; default: no limit
    min_vendors = 1                   # V_min; default 1
    max_vendors = 4                   # V_max; default: no limit
    max_share = 0.6                   # α in (0, 1]: most of the demand one vendor may take; default 1
    growth = 1.5                      # g: selected vendors' max_fte must reach g·D; default 1
    backups = { backend = 2 }         # k_s: vendors offering each demanded skill; default {}
    team_overlap_hours = 3.0          # h_team, FTE-weighted team overlap; default 0
    min_engagement_fte = 0.5          # e: the least FTE a selected vendor receives; default 0.5
    fte_step = 0.5                    # q: FTE granularity; default: absent, continuous FTE
    # include_vendors = ["V019"]      # pinned: must be in the team (incumbents); default []
    # max_country_share = 0.5         # most of the demand from any one country, in (0, 1]; default 1
    # country_share = { IN = 0.4 }    # per country, overriding max_country_share; default {}
    # min_countries = 2               # distinct countries among the selected vendors; default 1

    [missing]
    cultural_fit = 50                 # value used for a blank cell (0–100), or "exclude"; default 50

    [certification_points]            # replaces the whole default table when present
    ISO27001 = 4                      # default table: ISO27001 4, SOC2 3, GDPR 2, ISO9001 1, CMMI3 1
    SOC2 = 3
    GDPR = 2
    ISO9001 = 1
    CMMI3 = 1

    # [costs]
    # onboarding_per_vendor = 15_000  # one-off cost of each vendor selected whose file gives no
                                      # onboarding_cost; counted in the budget; default 0

    # [fx]                            # other currencies of the vendor file: USD per 1 EUR, per 1 INR, …
    # EUR = 1.08
    # INR = 0.012

    # [columns]                       # headers of the vendor file that no alias matches
    # "Day rate / 8" = "hourly_rate"
    # "Kontakt" = "pass"              # keep as an extra column

    [uncertainty]                     # shortlist --robustness, optimize --robustness N (docs/ROBUSTNESS.md)
    weights = "ranking"               # "none", "ranking" (keep the weights' order) or "spread"; default "ranking"
    spread = 0.2                      # ± share of each weight with "spread", in [0, 1); default 0.2
    quality = 0                       # ± points of quality in the score samples; default 0
    cultural_fit = 0                  # ± points of cultural fit; default 0
    overlap_hours = 0                 # ± hours of mean daily overlap; default 0
    # samples = 10_000                # 1 … 1,000,000; default 10,000 for the shortlist (optimize takes N)
    seed = 1                          # same seed, same output; default 1

    """
}
