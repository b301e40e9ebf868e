import HelpdeskKB
import Testing

@Suite struct SolvedReplyDetectorTests {
    @Test(arguments: [
        "solved, thanks", "Solved!", "Thanks, that solved it.", "Yes that worked, thank you", "It works now :)",
        "The article fixed my problem", "all good now", "problem resolved",
        "已解决，谢谢", "问题解决了，谢谢！", "搞定了", "可以了，谢谢",
        "Danke, das Problem ist gelöst.", "Hat geholfen, danke!", "funktioniert jetzt",
        "Merci, c'est résolu.", "Ça marche, merci !", "Problème réglé",
        "¡Gracias, resuelto!", "Ya funciona, gracias", "Me ayudó mucho, problema solucionado",
        "解決しました。ありがとうございます", "直りました！", "おかげで助かりました",
    ])
    func saysSolved(_ text: String) {
        #expect(SolvedReplyDetector.isSolved(text), "\(text)")
    }

    @Test(arguments: [
        "not solved", "This is not solved yet", "It isn't solved", "That didn't help", "did not help at all",
        "Unsolved, please call me", "still not working", "It doesn't work", "not fixed, same error",
        "Thanks for the mail, but I still have the problem", "I have another question about my invoice", "",
        "没解决", "还是没有解决", "没有帮助", "不行，还是登录不了",
        "Das ist nicht gelöst", "hat nicht geholfen", "funktioniert immer noch nicht",
        "Ce n'est pas résolu", "ça ne marche pas", "toujours pas réglé",
        "No está resuelto", "no funciona", "no me ayudó",
        "解決しません", "まだ直りません", "役に立ちませんでした",
    ])
    func doesNotSaySolved(_ text: String) {
        #expect(!SolvedReplyDetector.isSolved(text), "\(text)")
    }
}
