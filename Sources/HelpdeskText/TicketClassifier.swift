/// What the help desk asks of a text: its category (or none when unsure) and its priority.
///
/// The category model answers only when its calibrated probability reaches `threshold` and the text
/// has at least one term the model knows; otherwise the ticket stays unclassified (category `nil`),
/// never a guess. Priority comes from urgency cues, raised
/// by an optional priority model when one was trained from priority labels.
public struct TicketClassifier: Sendable {
    public var category: LinearTextModel
    public var priorityModel: LinearTextModel?
    public var threshold: Float

    /// Serialised format version; `decode` refuses others.
    public static let formatVersion: UInt32 = 1
    public static let defaultThreshold: Float = 0.5

    public enum DecodingError: Error, CustomStringConvertible {
        case notAModel, unsupportedVersion(UInt32), unknownKind, corrupt
        public var description: String {
            switch self {
            case .notAModel: return "not a maildesk classifier model"
            case let .unsupportedVersion(v): return "classifier model format \(v) is not supported (this build reads \(TicketClassifier.formatVersion))"
            case .unknownKind: return "unknown classifier model kind"
            case .corrupt: return "classifier model is damaged"
            }
        }
    }

    public struct Prediction: Sendable, Equatable {
        public var category: String?
        /// Probability of the most likely category (also when it is below the threshold).
        public var confidence: Float
        public var bestGuess: String
        public var priority: Priority
    }

    public init(category: LinearTextModel, priorityModel: LinearTextModel? = nil, threshold: Float = defaultThreshold) {
        self.category = category
        self.priorityModel = priorityModel
        self.threshold = threshold
    }

    public func predict(_ text: String, threshold: Float? = nil) -> Prediction {
        let tokens = TextTokenizer.tokenize(text)
        let counts = category.vocabulary.hashing.counts(tokens: tokens)
        let x = category.vocabulary.vector(counts)
        let p = LinearTextModel.softmax(category.scores(x), temperature: category.temperature)
        let best = LinearTextModel.argmax(p)
        var priority = PriorityCues.priority(tokens: tokens, raw: text)
        if let priorityModel {
            let guess = priorityModel.predict(text)
            if guess.probability >= self.threshold, let learned = Priority(rawValue: guess.label), learned > priority {
                priority = learned
            }
        }
        // No known term at all: the scores are the priors alone, which is a guess, whatever its probability.
        let confident = !x.indices.isEmpty && p[best] >= (threshold ?? self.threshold)
        return Prediction(category: confident ? category.labels[best] : nil, confidence: p[best],
                          bestGuess: category.labels[best], priority: priority)
    }

    public func encode() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: Array("MDCL".utf8))
        writer.u32(Self.formatVersion)
        writer.f32(threshold)
        category.encode(into: &writer)
        writer.u8(priorityModel == nil ? 0 : 1)
        priorityModel?.encode(into: &writer)
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws {
        var reader = ByteReader(bytes)
        do {
            guard try Array(reader.take(4)) == Array("MDCL".utf8) else { throw DecodingError.notAModel }
            let version = try reader.u32()
            guard version == Self.formatVersion else { throw DecodingError.unsupportedVersion(version) }
            threshold = try reader.f32()
            category = try LinearTextModel(from: &reader)
            priorityModel = try reader.u8() == 1 ? LinearTextModel(from: &reader) : nil
        } catch is ByteReader.Truncated {
            throw DecodingError.corrupt
        }
    }
}

extension PriorityCues {
    public static func priority(tokens: [TextToken], raw: String) -> Priority {
        let (score, calm) = score(tokens: tokens, raw: raw)
        if score >= 3 { return .urgent }
        if score >= 2 { return .high }
        return calm ? .low : .normal
    }
}
