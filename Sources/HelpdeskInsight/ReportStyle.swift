extension HTMLReport {
    /// The report's only style sheet, inline: system fonts, a readable measure, print-friendly.
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 980px; padding: 28px 32px 48px; background: #f6f7f9; color: #1f2430;
               font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
               "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; }
        header h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: -0.01em; }
        .period { margin: 0 0 20px; color: #5b6475; font-size: 14px; }
        h2 { margin: 0 0 4px; font-size: 20px; }
        h3 { margin: 0 0 4px; font-size: 18px; }
        section { background: #fff; border: 1px solid #e3e6eb; border-radius: 10px; padding: 18px 22px; margin: 0 0 18px; }
        .explain { margin: 0 0 12px; color: #5b6475; font-size: 14px; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; background: none; border: 0; padding: 0; }
        .card { background: #fff; border: 1px solid #e3e6eb; border-radius: 10px; padding: 12px 16px; }
        .card .label { color: #5b6475; font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; }
        .card .value { font-size: 26px; font-weight: 650; margin: 2px 0; }
        .card .note { color: #5b6475; font-size: 13px; }
        .topic { border: 1px solid #e3e6eb; border-radius: 8px; padding: 12px 16px; margin: 10px 0; }
        .topic.rising { border: 2px solid #e07b28; background: #fff7ef; }
        .badge { float: right; background: #e07b28; color: #fff; font-size: 12px; font-weight: 650; padding: 2px 10px; border-radius: 999px; text-transform: uppercase; letter-spacing: 0.05em; }
        .counts { margin: 0 0 6px; font-size: 14px; color: #3a4150; }
        .growth { font-weight: 650; } .growth.up { color: #c25f10; }
        .topic ul { margin: 6px 0 0; padding-left: 20px; font-size: 14px; }
        .topic li { overflow-wrap: anywhere; }
        .topic .id { color: #5b6475; font-variant-numeric: tabular-nums; }
        .more, .empty { color: #5b6475; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg text { font-family: inherit; fill: #3a4150; }
        .tick { font-size: 11px; fill: #5b6475; }
        .axis-label, .legend, .label { font-size: 13px; }
        .value { font-size: 12px; font-weight: 600; }
        .note { font-size: 12px; fill: #5b6475; }
        .grid { stroke: #e8ebf0; stroke-width: 1; }
        .axis { stroke: #8a93a3; stroke-width: 1; }
        footer { color: #5b6475; font-size: 13px; text-align: center; }
        @media print { body { background: #fff; } section, .card { break-inside: avoid; } }
        """
}
