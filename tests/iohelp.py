"""Small news-like Chinese articles made for the I/O tests (our own sentences, varied numbers)."""
from __future__ import annotations

import json
import random

CITIES = ["南京", "无锡", "徐州", "扬州", "镇江", "泰州", "宿迁", "连云港", "盐城", "淮安"]
SENTENCES = [
    "{city}市今年一季度新增市场主体{n}户，同比增长{p}%。",
    "{m}月{d}日，{city}市召开全市民营经济发展大会，{n}家企业代表参加。",
    "据统计，{city}全年接待游客{n}万人次，实现旅游收入{x}亿元。",
    "{city}市教育局介绍，全市新建改扩建中小学{k}所，新增学位{n}个。",
    "活动现场，志愿者为{n}名老人提供义诊服务，发放宣传资料{k}份。",
    "{city}高新区计划投资{x}亿元，建设{k}个重点产业项目。",
    "截至{m}月底，{city}累计发放创业担保贷款{x}亿元，带动就业{n}人。",
    "今年以来，{city}市共开展安全生产检查{k}次，整改隐患{n}处。",
]
BOILER = ["上一篇：{city}召开全市工作会议 下一篇：无", "责任编辑：王{k}", "来源：{city}日报",
          "分享到：微信 微博"]


def article_text(i: int, sentences: int = 4, seed: int = 0) -> str:
    rnd = random.Random(seed * 100003 + i)
    city = CITIES[i % len(CITIES)]
    lines = []
    for _ in range(sentences):
        s = rnd.choice(SENTENCES)
        lines.append(s.format(city=city, n=rnd.randint(2, 9000), p=rnd.randint(1, 60),
                              x=round(rnd.uniform(1, 99), 1), k=rnd.randint(2, 60),
                              m=rnd.randint(1, 12), d=rnd.randint(1, 28)))
    lines.append(rnd.choice(BOILER).format(city=city, k=rnd.randint(1, 9)))
    return "\n".join(lines)


def write_jsonl(
    path, n: int, *, start: int = 0, broken: dict[int, str] | None = None, **extra
) -> list[str]:
    """n articles as JSONL; `broken` maps a 0-based index to a raw line to write instead."""
    ids = []
    with open(path, "w", encoding="utf-8") as f:
        for i in range(start, start + n):
            if broken and i in broken:
                f.write(broken[i] + "\n")
                ids.append(None)
                continue
            rec = {"id": f"doc{i:05d}", "text": article_text(i), **extra}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            ids.append(rec["id"])
    return ids


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
