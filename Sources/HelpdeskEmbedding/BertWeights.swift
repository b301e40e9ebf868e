/// The weights of a BERT encoder (the `BertModel` layout: embeddings, then `layers` transformer blocks),
/// read from safetensors. Linear weights stay as stored, `[out, in]` row-major; the query, key and
/// value projections of a block are joined into one `[3·hidden, hidden]` matrix so one product makes all
/// three.
public struct BertWeights: Sendable {
    public struct Shape: Sendable, Equatable {
        public var vocabulary = 30_522
        public var hidden = 384
        public var layers = 6
        public var heads = 12
        public var intermediate = 1_536
        public var positions = 512
        public var typeVocabulary = 2
        public var layerNormEpsilon: Float = 1e-12
        public init() {}
    }

    struct Layer: Sendable {
        var qkv: [Float], qkvBias: [Float]
        var attentionOut: [Float], attentionOutBias: [Float]
        var attentionNorm: [Float], attentionNormBias: [Float]
        var intermediate: [Float], intermediateBias: [Float]
        var output: [Float], outputBias: [Float]
        var outputNorm: [Float], outputNormBias: [Float]
    }

    public let shape: Shape
    let wordEmbeddings: [Float]
    let positionEmbeddings: [Float]
    let typeEmbeddings: [Float]
    let embeddingNorm: [Float], embeddingNormBias: [Float]
    let layers: [Layer]

    public init(_ tensors: SafeTensors, shape: Shape = Shape()) throws(SafeTensors.Failure) {
        self.shape = shape
        let h = shape.hidden
        // Some exports prefix every name with the model name ("bert.").
        let root = tensors.entries["embeddings.word_embeddings.weight"] == nil ? "bert." : ""
        func read(_ name: String, _ dims: [Int]) throws(SafeTensors.Failure) -> [Float] {
            try tensors.floats(root + name, shape: dims)
        }
        wordEmbeddings = try read("embeddings.word_embeddings.weight", [shape.vocabulary, h])
        positionEmbeddings = try read("embeddings.position_embeddings.weight", [shape.positions, h])
        typeEmbeddings = try read("embeddings.token_type_embeddings.weight", [shape.typeVocabulary, h])
        embeddingNorm = try read("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try read("embeddings.LayerNorm.bias", [h])
        var layers: [Layer] = []
        for index in 0..<shape.layers {
            let p = "encoder.layer.\(index)."
            let a = p + "attention."
            layers.append(Layer(
                qkv: try read(a + "self.query.weight", [h, h]) + read(a + "self.key.weight", [h, h])
                    + read(a + "self.value.weight", [h, h]),
                qkvBias: try read(a + "self.query.bias", [h]) + read(a + "self.key.bias", [h]) + read(a + "self.value.bias", [h]),
                attentionOut: try read(a + "output.dense.weight", [h, h]),
                attentionOutBias: try read(a + "output.dense.bias", [h]),
                attentionNorm: try read(a + "output.LayerNorm.weight", [h]),
                attentionNormBias: try read(a + "output.LayerNorm.bias", [h]),
                intermediate: try read(p + "intermediate.dense.weight", [shape.intermediate, h]),
                intermediateBias: try read(p + "intermediate.dense.bias", [shape.intermediate]),
                output: try read(p + "output.dense.weight", [h, shape.intermediate]),
                outputBias: try read(p + "output.dense.bias", [h]),
                outputNorm: try read(p + "output.LayerNorm.weight", [h]),
                outputNormBias: try read(p + "output.LayerNorm.bias", [h])))
        }
        self.layers = layers
    }
}
