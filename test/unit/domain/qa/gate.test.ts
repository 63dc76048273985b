import { describe, expect, it } from "vitest";
import { qaService } from "../../../../src/services/qa.js";
import { buildKnowledgeBase, createQaEngine } from "../../../../src/domain/qa/index.js";
import { realKnowledgeBase, ruleFiles } from "./rule-base.js";

const engine = qaService(createQaEngine(realKnowledgeBase()));
const classifyMessage = (text: string) => engine.classify(text);

describe("the gate before the rules", () => {
  it.each([
    ["xong", "report"],
    ["đã xong", "report"],
    ["Đã hoàn thành", "report"],
    ["hoàn thành", "report"],
    ["đang làm 50%", "report"],
    ["dang thuc hien, khoang 40%", "report"],
    ["vướng: thiếu kinh phí", "report"],
    ["gia hạn 30/12", "report"],
    ["Đề nghị gia hạn", "report"],
    ["xin gia hạn có được không", "report"],
    ["chưa làm", "report"],
    ["30/12", "date"],
    ["ngày 15/11/2025", "date"],
    ["/nhiemvu", "command"],
    ["nhiemvu", "command"],
    ["baocao STP-3A", "command"],
    ["chào bot", "greeting"],
    ["alo alo", "greeting"],
    ["bot ơi", "greeting"],
    ["alo bot oi", "greeting"],
    ["chào buổi tối", "greeting"],
    ["đang làm, tuần sau xong", "report"],
    ["cảm ơn bot, hay quá", "thanks"],
    ["ok thank you", "thanks"],
    ["dạ em cảm ơn", "thanks"],
    ["đã nhận", "thanks"],
    ["chưa xong, đang chờ sở duyệt", "report"],
    ["xin lùi hạn sang 10/1", "report"],
    ["báo cáo: hoàn thành", "report"],
    ["em xin báo cáo đã xong", "report"],
    ["đã nộp", "report"],
    ["nộp rồi nhé", "report"],
    ["đã gửi file lên nhóm", "report"],
    ["em làm xong từ hôm qua", "report"],
    ["chưa, mai em làm", "report"],
    ["chưa làm xong, còn thiếu số liệu", "report"],
    ["trợ giúp", "command"],
    ["cảm ơn bot nhé", "thanks"],
    ["thanks ad", "thanks"],
    ["", "empty"],
  ])("%j is a %s, not a rules question", (text, kind) => {
    expect(classifyMessage(text)).toBe(kind);
  });

  it.each([
    "làm việc qua loa cho xong",
    "đang làm việc riêng trong giờ hành chính",
    "xong việc rồi về sớm có được không",
    "chào hỏi người dân thế nào cho đúng",
    "cảm ơn người dân có phải là quy định không",
    "Giá vàng hôm nay bao nhiêu?",
    "bot ơi cho hỏi đi muộn có sao không",
    "đang làm việc riêng trong giờ rồi mới xong",
    "chưa xong việc đã về có sao không",
    "đã nhận việc mà không làm thì sao",
    "gửi xe ở đâu",
    "đã gửi xe chưa",
    "nộp hồ sơ ở đâu",
    "chưa bao giờ đi lễ hội",
  ])("%j goes on to the rules", (text) => {
    expect(classifyMessage(text)).toBe("question");
  });
});

// How unit heads write in chat, by form (data/rules/gate.yaml); with and without diacritics,
// teencode, politeness at the end.
describe("the gate, form by form", () => {
  it.each([
    // done
    "xong rồi nhé",
    "ok xong",
    "xog r",
    "xongg",
    "đã hoàn thành nhiệm vụ",
    "nhiệm vụ đã hoàn thành",
    "đã xử lý xong",
    "phòng em đã hoàn thành",
    "hoàn thành đúng hạn",
    "done nhé",
    "100%",
    "đạt 100%",
    // handed in, alone or after the status
    "đã gửi báo cáo",
    "đã gửi bc",
    "gửi kèm báo cáo",
    "em gửi kèm báo cáo ạ",
    "da gui bao cao qua email",
    "đã xong, em gửi kèm báo cáo",
    "em đã hoàn thành và gửi báo cáo",
    "da hoan thanh, gui kem bao cao",
    "đã trình ký",
    // in progress, and when it will be done
    "đang triển khai",
    "dg lam",
    "đang tổng hợp số liệu",
    "đang dự thảo",
    "được 60%",
    "mới được 30%",
    "làm được một nửa rồi",
    "sắp xong",
    "gần xong rồi ạ",
    "mai em gửi ạ",
    "dự kiến xong 20/12",
    "chưa xong",
    "chx xong",
    // not started
    "chưa làm gì",
    "chưa ạ",
    // blocked, with or without its reason
    "vướng mắc",
    "chưa làm được vì thiếu kinh phí",
    "chua lam duoc do chua co huong dan",
    "thiếu kinh phí",
    "thieu nhan luc",
    "chờ ý kiến",
    "đang chờ ý kiến lãnh đạo",
    "chờ sở phản hồi",
    "khó khăn",
    "gặp khó khăn về nhân lực",
    "không thể hoàn thành đúng hạn",
    // more time
    "xin lùi hạn",
    "cho em thêm 1 tuần",
    "cho em thêm 1 tuần được không",
    "xin khất",
    "cho em khất đến thứ 6",
    "xin thêm thời gian",
    "xin hoãn đến 15/1",
    "gh đến 30/12",
    "cho em nộp muộn 2 hôm",
    "xin gia hạn được không?",
    // a task code or the task's name in front; when, in two steps
    "Dạ nhiệm vụ STP-3A em đã hoàn thành rồi ạ",
    "việc rà soát đã xong",
    "chắc thứ 6 xong",
    "thiếu kinh phí nên chưa làm",
  ])("%j is a report", (text) => {
    expect(classifyMessage(text)).toBe("report");
  });

  it.each([
    "30-12",
    "30.12",
    "2025-12-30",
    "ngày 30 tháng 12 năm 2025",
    "30 thg 12",
    "thứ 2",
    "thứ sáu tuần sau",
    "t6",
    "mai ạ",
    "cuối tháng",
    "15h30",
    "8:30",
    "3 giờ chiều",
    "9h sáng mai",
    "trước 30/12",
    "trong tuần này",
    "ngày kia",
  ])("%j is a date", (text) => {
    expect(classifyMessage(text)).toBe("date");
  });

  it.each([
    "menu",
    "Menu ạ",
    "help",
    "start",
    "bắt đầu",
    "hướng dẫn",
    "huong dan su dung",
    "huỷ",
    "nhiệm vụ",
    "báo cáo",
    "danh sách lệnh",
    "baocao NV12",
  ])("%j is a command", (text) => {
    expect(classifyMessage(text)).toBe("command");
  });

  it.each([
    "alo",
    "hi",
    "hiii",
    "xin chào ạ",
    "chào anh",
    "chào mọi người",
    "hế lô",
    "em chào anh ạ",
    "dạ em chào ạ",
    "ê bot",
    "good morning",
    "bot có đó không",
    "có ai không",
    "chào bot, chúc ngày tốt lành",
  ])("%j is a greeting", (text) => {
    expect(classifyMessage(text)).toBe("greeting");
  });

  it.each([
    "cám ơn",
    "thanks",
    "tks",
    "tk",
    "thankss",
    "cảm ơn nhiều nha",
    "ok cảm ơn",
    "ok em cảm ơn",
    "cam on nhiu",
    "camon",
    "cảm ơn đã hỗ trợ",
    "cảm ơn bạn đã giúp",
    "em hiểu rồi ạ",
    "noted",
    "okela",
    "dạ vâng",
    "ok ạ cảm ơn",
  ])("%j is thanks", (text) => {
    expect(classifyMessage(text)).toBe("thanks");
  });

  // The other side: a question that holds one of those words stays a question.
  it.each([
    "báo cáo copy của năm ngoái có vi phạm không",
    "bao cao copy y nguyen nam ngoai roi sua ngay thang thoi, the co vi pham k",
    "xin nghỉ phép thế nào",
    "chào hỏi dân thế nào cho đúng",
    "đang làm việc mà uống bia có sao không",
    "cảm ơn dân có phải quy định không",
    "hướng dẫn mặc trang phục đúng quy định",
    "help me về quy định trang phục",
    "bắt đầu giờ làm việc lúc mấy giờ",
    "chào cờ đầu tuần mặc gì",
    "thứ 2 mặc đồng phục gì",
    "30/12 có phải đi làm không",
    "hôm nay mặc gì đi làm",
    "gia hạn thẻ bảo hiểm y tế ở đâu",
    "gia hạn nộp thuế đến khi nào",
    "xin khất nợ đồng nghiệp có sao không",
    "thiếu tôn trọng người dân bị xử lý thế nào",
    "thiếu kinh phí tổ chức hội nghị thì xin ở đâu",
    "khó khăn khi tiếp dân thì làm sao",
    "đã nộp hồ sơ mà cán bộ không tiếp nhận",
    "100% cán bộ phải mặc đồng phục à",
    "ok cảm ơn, cho hỏi thêm mặc áo phông được không",
    "cảm ơn người dân góp ý thì nói thế nào",
    "hi vọng được tăng lương",
    "đòi tiền dân mới làm hồ sơ",
    "doi ba chuc nghin moi chiu cap ban sao cho dan",
    "dang story uong bia luc 11h trua ngay lam viec",
    "kết quả bóng đá tối qua",
    "toi nay an gi",
    "hoàn thành nhiệm vụ là gì",
    "sắp xong việc thì được về sớm không",
    "thêm người trực ban có cần xin phép không",
    "ký văn bản thay lãnh đạo có được không",
    "xong việc rồi về sớm",
    "chờ đợi lâu dân bực mình",
    "kế hoạch năm nay đã xong chưa",
    "xong chưa",
    "hồ sơ của dân đã nộp mà chưa được giải quyết",
    "việc riêng đang làm dở thì dân đến",
    "QĐ 1847 đã hết hiệu lực chưa",
  ])("%j stays a question", (text) => {
    expect(classifyMessage(text)).toBe("question");
  });
});

describe("the gate's words are data", () => {
  it("knows no greeting without data/rules/gate.yaml, only slash commands and numeric dates", () => {
    const files = ruleFiles();
    const { gate: _gate, ...withoutGate } = files;
    const bare = createQaEngine(buildKnowledgeBase(withoutGate));
    expect(bare.classify("chào bot")).toBe("question");
    expect(bare.classify("/nhiemvu")).toBe("command");
    expect(bare.classify("30/12")).toBe("date");
  });

  it("refuses a gate file with a faulty entry, naming the file and the entry", () => {
    const files = ruleFiles();
    const broken = (files.gate ?? "").replace("then: { upTo: 4 }", "then: { upTo: -1 }");
    expect(broken).not.toBe(files.gate);
    expect(() => buildKnowledgeBase({ ...files, gate: broken })).toThrow(
      /gate\.yaml reports\.forms\.\d+\.then\.upTo/,
    );
  });
});

// Every example of issue 18's "Why", as staff typed them.
describe("issue 18: what went wrong before", () => {
  it.each(["Giá vàng hôm nay bao nhiêu?", "gia vang hom nay bao nhieu"])(
    "%j is declined: no rule, no citation, what the bot can answer instead",
    (question) => {
      const result = engine.ask(question);
      expect(result.kind).toBe("declined");
      expect(result.topic).toBeNull();
      expect(result.citation).toBeNull();
      expect(result.answer).not.toContain("mê tín");
      expect(result.answer).toContain("nằm ngoài các quy định");
      expect(result.answer).toContain("Trang phục");
    },
  );

  it("answers thanks with a short friendly line, no rule", () => {
    const result = engine.ask("cảm ơn bot nhé");
    expect(result.kind).toBe("thanks");
    expect(result.citation).toBeNull();
    expect(result.answer).toMatch(/^Không có gì/);
  });

  it.each(["gia hạn 30/12", "Đề nghị gia hạn", "xong"])(
    "%j from a head gets how to report, no rule",
    (message) => {
      const result = engine.ask(message);
      expect(result.kind).toBe("report");
      expect(result.topic).toBeNull();
      expect(result.citation).toBeNull();
      expect(result.answer).toContain("/baocao <mã nhiệm vụ> <tình trạng>");
    },
  );

  it("lists the items of 'tinh thần, thái độ làm việc' with the citation", () => {
    const result = engine.ask(
      "Tinh thần, thái độ làm việc của công chức theo QĐ 1847 gồm những gì?",
    );
    expect(result.kind).toBe("overview");
    expect(result.topic).toBe("attitude");
    expect(result.answer).toContain("Sẵn sàng nhận việc, không kén chọn việc");
    expect(result.answer).toContain("Không lợi dụng vị trí để bổ nhiệm người thân quen");
    expect(result.answer).toContain("mục II.1");
    expect(result.citation).toContain("Quyết định 1847/QĐ-TTg");
  });

  it("answers 'nổi nóng với dân' with the respect rule of communication", () => {
    const result = engine.ask("Công chức có được phép nổi nóng với dân?");
    expect(result.kind).toBe("answer");
    expect(result.ruleId).toBe("com-citizens-listen");
    expect(result.answer).toContain("phải tôn trọng, lắng nghe");
  });
});

describe("overviews of the structure", () => {
  it("lists the four contents of public-service culture", () => {
    const result = engine.ask("4 nội dung của văn hóa công vụ");
    expect(result.kind).toBe("overview");
    for (const title of [
      "Tinh thần, thái độ làm việc",
      "Chuẩn mực giao tiếp, ứng xử",
      "Chuẩn mực về đạo đức, lối sống",
      "Trang phục",
    ]) {
      expect(result.answer).toContain(title);
    }
    expect(result.citation).toContain("Quyết định 1847/QĐ-TTg");
  });

  it("quotes “4 xin, 4 luôn” in full", () => {
    const result = engine.ask("4 xin 4 luôn là gì");
    expect(result.ruleId).toBe("com-4xin-4luon");
    expect(result.answer).toContain("xin chào, xin lỗi, xin cảm ơn, xin phép");
    expect(result.answer).toContain("luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ");
  });

  it.each(["tinh thần thái độ làm việc gồm những gì", "tinh than thai do lam viec gom nhung gi"])(
    "%j lists the attitude rules",
    (question) => {
      const result = engine.ask(question);
      expect(result.kind).toBe("overview");
      expect(result.answer).toContain("Ý thức tổ chức kỷ luật, sử dụng hiệu quả thời giờ làm việc");
    },
  );

  it("lists the dress rules of both documents, each with its article", () => {
    const result = engine.ask("quy định trang phục gồm những gì");
    expect(result.kind).toBe("overview");
    expect(result.topic).toBe("dress");
    expect(result.answer).toContain("Đi giày hoặc dép có quai hậu");
    expect(result.answer).toContain("mục II.4");
    expect(result.answer).toContain("Quyết định 129/2007/QĐ-TTg, Điều 6");
    expect(result.answer).toContain("Quyết định 129/2007/QĐ-TTg, Điều 7 khoản 1");
  });

  it.each(["van hoa cong vu co may phan", "cho e hoi de an vhcv gom nhung noi dung chinh nao"])(
    "%j (how many parts, which main contents) lists the four contents",
    (question) => {
      const result = engine.ask(question);
      expect(result.kind).toBe("overview");
      expect(result.topic).toBeNull();
      expect(result.answer).toContain("Chuẩn mực về đạo đức, lối sống");
    },
  );

  it("'chuẩn mực giao tiếp có những ý nào' lists the communication rules, not one ethics rule", () => {
    const result = engine.ask("chuan muc giao tiep co nhung y nao");
    expect(result.kind).toBe("overview");
    expect(result.topic).toBe("communication");
  });

  it("answers a precise question about one item with the rule, not the overview", () => {
    expect(engine.ask("mặc quần short có vi phạm quy định trang phục không").kind).toBe("answer");
  });
});

describe("colloquial words", () => {
  it.each([
    ["cáu gắt với người dân có bị kỷ luật không", "communication"],
    ["quát dân ở bộ phận một cửa", "communication"],
    ["bổ nhiệm con rể làm phó phòng", "attitude"],
    ["lãnh đạo đưa người nhà vào làm", "attitude"],
    ["đăng tiktok chuyện cơ quan", "ethics"],
    ["dang chuyen noi bo len zalo", "ethics"],
    ["nhậu trưa rồi về làm", "ethics"],
    ["mặc quần short đi làm", "dress"],
    ["áo ba lỗ đến cơ quan được không", "dress"],
    ["đi dép tông đi làm", "dress"],
  ])("%j is answered in %s", (question, topic) => {
    const result = engine.ask(question);
    expect(result.kind).toBe("answer");
    expect(result.topic).toBe(topic);
  });
});

describe("two documents", () => {
  it("answers a point of Decision 129 with its article", () => {
    const result = engine.ask("thắp hương trong phòng làm việc có được không");
    expect(result.topic).toBe("workplace");
    expect(result.citation).toBe("Quyết định 129/2007/QĐ-TTg, Điều 15");
    expect(result.answer).toContain(
      "Không lập bàn thờ, thắp hương, không đun, nấu trong phòng làm việc.",
    );
  });

  it("quotes both documents where they say different things on one point", () => {
    const result = engine.ask("liên hoan cuối năm ở cơ quan có được uống rượu không");
    expect(result.kind).toBe("answer");
    expect(result.topic).toBe("ethics");
    expect(result.answer).toContain("trừ trường hợp được sự đồng ý của lãnh đạo cơ quan");
    expect(result.answer).toContain("Quyết định 129/2007/QĐ-TTg, Điều 4 khoản 2");
    expect(result.answer).toContain(
      "không được sử dụng đồ uống có cồn trong thời gian làm việc và giờ nghỉ trưa",
    );
    expect(result.answer).toContain("mục II.3");
  });

  it("names the staff card rule under dress", () => {
    const result = engine.ask("có bắt buộc đeo thẻ công chức khi làm việc không");
    expect(result.topic).toBe("dress");
    expect(result.citation).toBe("Quyết định 129/2007/QĐ-TTg, Điều 7 khoản 1");
  });
});
