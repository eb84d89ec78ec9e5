"""Inputs for the benchmarks: real corpus articles with their digits re-drawn per copy (so no two
copies share a numeric sentence and no cache can hide the work), or synthetic news articles."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CITIES = ["南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江",
          "泰州", "宿迁"]
BODY = [
    "{c}市统计局{m}月{d}日发布数据，今年前三季度全市实现地区生产总值{x}亿元，同比增长{p}%。",
    "其中，规模以上工业增加值增长{p}.{k}%，社会消费品零售总额{x}亿元。",
    "截至{m}月底，全市共有各类市场主体{n}户，比上年末增加{k}千户。",
    "{m}月{d}日至{d2}日，第{k}届{c}国际旅游节举办，吸引游客{n}万人次。",
    "{c}市人民医院组织{k}支医疗队，为{n}名村民开展免费体检，发放药品{k}箱。",
    "会议指出，要扎实推进{k}项民生实事，确保年内新增就业岗位{n}个。",
    "据介绍，该项目总投资约{x}亿元，占地{n}亩，建成后年产值可达{x}亿元。",
    "全市新建改建农村公路{k}公里，完成危桥改造{k}座，惠及群众{n}余人。",
    "他表示，企业研发投入占营业收入比重已超过{p}%，拥有有效发明专利{n}件。",
    "活动现场，近{k}家企业提供就业岗位{n}个，{k}名求职者达成初步就业意向。",
    "近年来，当地坚持生态优先、绿色发展，城乡面貌持续改善，群众获得感不断增强。",
    "下一步，{c}将继续深化改革创新，优化营商环境，推动经济社会高质量发展。",
]
TAIL = ["责任编辑：李{k}", "来源：{c}日报",
        "上一篇：{c}召开全市工作会议 下一篇：{c}举行项目集中开工仪式", "分享到：微信 微博 QQ空间",
        "版权所有：{c}市人民政府 苏ICP备0512{k}号"]


def synthetic(n: int, seed: int = 1, sentences: int = 24) -> list[str]:
    """n distinct news-like articles of about 1,000 characters."""
    out = []
    for i in range(n):
        rnd = random.Random(seed * 1_000_003 + i)
        c = rnd.choice(CITIES)
        paras, para = [], []
        for _ in range(sentences):
            m, d = rnd.randint(1, 12), rnd.randint(1, 25)
            para.append(rnd.choice(BODY).format(c=c, m=m, d=d, d2=d + rnd.randint(1, 3),
                                                n=rnd.randint(10, 99999),
                                                 x=round(rnd.uniform(1, 999), 2),
                                                 p=rnd.randint(1, 40), k=rnd.randint(2, 60)))
            if len(para) >= rnd.randint(2, 5):
                paras.append("".join(para))
                para = []
        if para:
            paras.append("".join(para))
        tail = [t.format(c=c, k=rnd.randint(10, 99)) for t in rnd.sample(TAIL, 3)]
        out.append("\n".join([*paras, *tail]))
    return out


def corpus(n: int | None = None, seed: int = 1) -> list[str]:
    """The corpus articles, repeated to n with every digit re-drawn in each copy after the first."""
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt"))]
    if not texts:
        raise SystemExit("no corpus/dev/articles/*.txt")
    if n is None:
        return texts
    out = []
    for i in range(n):
        base = texts[i % len(texts)]
        if i < len(texts):
            out.append(base)
            continue
        rnd = random.Random(seed * 1_000_003 + i)
        out.append("".join(str(rnd.randint(0, 9)) if ch.isdigit() and ch.isascii() else ch
                           for ch in base))
    return out


def texts(kind: str, n: int, seed: int = 1) -> list[str]:
    """corpus | synthetic | FILE.jsonl (your own articles, one {"id", "text"} object a line)."""
    if kind == "corpus":
        return corpus(n, seed)
    if kind == "synthetic":
        return synthetic(n, seed)
    with open(kind, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()][:n]


def write_jsonl(path, articles: list[str], prefix: str = "a") -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(articles):
            f.write(json.dumps({"id": f"{prefix}{i:07d}", "text": t}, ensure_ascii=False) + "\n")
