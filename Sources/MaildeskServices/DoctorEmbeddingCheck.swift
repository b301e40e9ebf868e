import Foundation

extension Doctor {
    /// `[kb] embedding_model`: whether the sentence-embedding model is installed. It is optional — without
    /// it the knowledge base matches words only — so a missing model is reported, not failed
    /// (docs/knowledge-base.md#embeddings).
    func embeddingModelCheck() -> DoctorCheck {
        let directory = app.configuration.kb.embeddingModel
        let files = ["model.safetensors", "tokenizer.json"]
        let missing = files.filter { !FileManager.default.isReadableFile(atPath: directory + "/" + $0) }
        guard missing.isEmpty else {
            return DoctorCheck("kb embeddings", ok: true, "no model at \(directory) (\(missing.joined(separator: ", ")) "
                + "missing): lexical matching only; scripts/install-model.sh installs it")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: directory + "/model.safetensors")[.size] as? Int) ?? 0
        return DoctorCheck("kb embeddings", ok: true, "model at \(directory) (\(size / 1_048_576) MiB)")
    }
}
