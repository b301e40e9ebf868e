/// Inline SVG charts for the HTML report: columns over a category axis (volume per day, a histogram)
/// and horizontal stacked bars (category mix, agents' load). Every chart has axis labels, a legend
/// when it shows more than one series, and a `<title>` per mark (the browser's tooltip, no script).
public enum SVGCharts {
    public struct Series: Sendable {
        public var name: String
        public var color: String
        public init(_ name: String, color: String) { self.name = name; self.color = color }
    }

    public struct Column: Sendable {
        public var label: String
        public var value: Double
        public var tooltip: String
        public init(label: String, value: Double, tooltip: String) { self.label = label; self.value = value; self.tooltip = tooltip }
    }

    /// Columns with a y axis of round ticks; `line` (same scale) is drawn over them, e.g. the backlog.
    /// Every `labelEvery`-th column gets its label under the axis.
    public static func columns(_ columns: [Column], series: Series, line: (Series, [Double])? = nil, title: String,
                               xLabel: String, yLabel: String, labelEvery: Int = 1, width: Double = 920, height: Double = 280) -> String {
        let (left, right, top, bottom) = (58.0, 16.0, line == nil ? 18.0 : 40.0, 58.0)
        let plotW = width - left - right, plotH = height - top - bottom
        let peak = max(columns.map(\.value).max() ?? 0, line?.1.max() ?? 0)
        let (axisMax, step) = niceScale(peak)
        let slot = plotW / Double(max(columns.count, 1))
        func y(_ v: Double) -> Double { top + plotH - v / axisMax * plotH }
        var svg = open(width, height, title)
        svg += yAxis(left: left, top: top, plotW: plotW, plotH: plotH, axisMax: axisMax, step: step, label: yLabel)
        for (i, c) in columns.enumerated() {
            let x = left + Double(i) * slot + slot * 0.12, h = c.value / axisMax * plotH
            svg += "<rect x=\"\(n(x))\" y=\"\(n(top + plotH - h))\" width=\"\(n(slot * 0.76))\" height=\"\(n(h))\" fill=\"\(series.color)\" rx=\"1.5\">"
                + "<title>\(HTMLEscape.text(c.tooltip))</title></rect>\n"
            if i % max(labelEvery, 1) == 0 {
                svg += "<text x=\"\(n(left + (Double(i) + 0.5) * slot))\" y=\"\(n(top + plotH + 16))\" text-anchor=\"middle\" class=\"tick\">\(HTMLEscape.text(c.label))</text>\n"
            }
        }
        if let (lineSeries, values) = line, !values.isEmpty {
            let points = values.enumerated().map { "\(n(left + (Double($0.offset) + 0.5) * slot)),\(n(y($0.element)))" }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(lineSeries.color)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n"
            svg += legend([series, lineSeries], x: left, y: 14)
        }
        svg += "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(height - 10))\" text-anchor=\"middle\" class=\"axis-label\">\(HTMLEscape.text(xLabel))</text>\n"
        return svg + "</svg>\n"
    }

    public struct Row: Sendable {
        public var label: String
        /// One value per series, stacked left to right.
        public var values: [Double]
        public var note: String
        public init(label: String, values: [Double], note: String) { self.label = label; self.values = values; self.note = note }
    }

    /// One horizontal stacked bar per row, the row's total and `note` after it.
    public static func rows(_ rows: [Row], series: [Series], title: String, xLabel: String, width: Double = 920) -> String {
        let (labelW, noteW, top, rowH) = (190.0, 250.0, 40.0, 30.0)
        let plotW = width - labelW - noteW - 44
        let height = top + Double(rows.count) * rowH + 44
        let peak = rows.map { $0.values.reduce(0, +) }.max() ?? 0
        let (axisMax, step) = niceScale(peak)
        var svg = open(width, height, title)
        svg += legend(series, x: labelW, y: 14)
        var tick = 0.0
        while tick <= axisMax + 1e-9 {
            let x = labelW + tick / axisMax * plotW
            svg += "<line x1=\"\(n(x))\" y1=\"\(n(top - 6))\" x2=\"\(n(x))\" y2=\"\(n(top + Double(rows.count) * rowH))\" class=\"grid\"/>"
                + "<text x=\"\(n(x))\" y=\"\(n(top + Double(rows.count) * rowH + 16))\" text-anchor=\"middle\" class=\"tick\">\(n(tick))</text>\n"
            tick += step
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowH
            svg += "<text x=\"\(n(labelW - 10))\" y=\"\(n(y + rowH / 2 + 4))\" text-anchor=\"end\" class=\"label\">\(HTMLEscape.text(clip(row.label, 26)))<title>\(HTMLEscape.text(row.label))</title></text>\n"
            var x = labelW
            for (s, value) in row.values.enumerated() where value > 0 {
                let w = value / axisMax * plotW
                let name = s < series.count ? series[s].name : ""
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y + 5))\" width=\"\(n(w))\" height=\"\(n(rowH - 10))\" fill=\"\(s < series.count ? series[s].color : "#888")\">"
                    + "<title>\(HTMLEscape.text("\(row.label): \(n(value)) \(name)"))</title></rect>\n"
                x += w
            }
            svg += "<text x=\"\(n(x + 6))\" y=\"\(n(y + rowH / 2 + 4))\" class=\"value\">\(n(row.values.reduce(0, +)))</text>"
                + "<text x=\"\(n(width - noteW))\" y=\"\(n(y + rowH / 2 + 4))\" class=\"note\">\(HTMLEscape.text(row.note))</text>\n"
        }
        svg += "<text x=\"\(n(labelW + plotW / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\" class=\"axis-label\">\(HTMLEscape.text(xLabel))</text>\n"
        return svg + "</svg>\n"
    }

    /// An axis maximum ≥ `peak` and a tick step of 1, 2 or 5 × 10ⁿ giving at most about five ticks.
    static func niceScale(_ peak: Double) -> (max: Double, step: Double) {
        guard peak > 0 else { return (1, 1) }
        let raw = peak / 5
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        let top = (peak / step).rounded(.up) * step
        return (max(top, step), max(step.rounded(), 1))
    }

    static func open(_ width: Double, _ height: Double, _ title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"100%\" role=\"img\" class=\"chart\">"
            + "<title>\(HTMLEscape.text(title))</title>\n"
    }

    static func yAxis(left: Double, top: Double, plotW: Double, plotH: Double, axisMax: Double, step: Double, label: String) -> String {
        var svg = ""
        var tick = 0.0
        while tick <= axisMax + 1e-9 {
            let y = top + plotH - tick / axisMax * plotH
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y))\" class=\"grid\"/>"
                + "<text x=\"\(n(left - 8))\" y=\"\(n(y + 4))\" text-anchor=\"end\" class=\"tick\">\(n(tick))</text>\n"
            tick += step
        }
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(top + plotH))\" x2=\"\(n(left + plotW))\" y2=\"\(n(top + plotH))\" class=\"axis\"/>\n"
        svg += "<text transform=\"translate(14 \(n(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis-label\">\(HTMLEscape.text(label))</text>\n"
        return svg
    }

    static func legend(_ series: [Series], x: Double, y: Double) -> String {
        var svg = "", offset = x
        for s in series {
            svg += "<rect x=\"\(n(offset))\" y=\"\(n(y - 10))\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(s.color)\"/>"
                + "<text x=\"\(n(offset + 18))\" y=\"\(n(y))\" class=\"legend\">\(HTMLEscape.text(s.name))</text>\n"
            offset += 30 + Double(s.name.count) * 7.5
        }
        return svg
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func n(_ value: Double) -> String { SVGNumber.format(value) }
}
