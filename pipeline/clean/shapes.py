"""Line shapes the clean stage judges by: the normal form rules match on, sentence and
paragraph shapes, headline shapes, dates."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..letterspacing import MIN_GAPS, close_up, letter_spaced
from ..script import BUNDLED
from . import twins


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# -- normalising and shapes -------------------------------------------------------------------

_WS = twins.compile(r"\s+")
# a charter's or a law's chapter heading, its title maybe spaced out (第一章 总 则, 第三节):
# neither a headline nor a byline nor a menu item
CHAPTER = twins.compile(r"^第[一二三四五六七八九十百\d]{1,4}[章节節条條编編卷]")
# sentence punctuation after NFKC (！→! ？→? ；→;); a ? after a space, at the start or after
# another ? is a character the page lost (主办:某某县人民政府 ? 版权所有, 首页 ? 新闻中心)
SENT = re.compile(r"[。!;?](?<![\s?]\?)(?<!^\?)")   # (the class first: re scans for it fast)
# a plan's or a law's numbered heading (3 汛前准备, 3.2 主要指标, 1 总 则 set spaced, 三、工作要求):
# the text's own, never a menu item
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,2}\s+[\u4e00-\u9fff]\s?"
                              r"[\u4e00-\u9fff(（]|[一二三四五六七八九十]+、)")
_HAN = twins.compile(r"\p{Han}")
_CONTACT = twins.compile(r"\d{5,}|\d{3,4}-\d{4}|@|www\.|https?:")
_TIME = twins.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


# Traditional characters to Simplified (every row of lexicons/script_pairs.tsv, pipeline/script.py),
# so the same rules see a Hong Kong or Taiwan page (訂閱/订阅, 張貼/张贴, 積分/积分); only the
# matching form changes
_T2S = str.maketrans(BUNDLED)
# any key of _T2S (re: faster on a set)
_TRAD = re.compile("[" + re.escape("".join(map(chr, _T2S))) + "]")

# The word scorer's weights were learnt on lines where only the characters of page furniture
# (責任編輯, 返回頂部, 推薦閱讀, 上一則) were made Simplified: it reads a line in that form
# (furniture_form), so its weights of Traditional characters keep their meaning.
_FURNITURE = ("責編輯審覈關閉頁頂網聞權轉載發佈時間來擊覽瀏視頻圖閱讀說熱門評論廣聯繫係們隱聲標"
              "籤鍵詞詳於觀點贊傳與為這條導訊報記攝訪問數號備檔碼掃註冊錄複製鏈結體訂專題欄區頭"
              "類舉饋歡務維護辦單協電話郵統籌劃見習實顯隨機應兩處學會長節動態資產經濟週紀書畫極"
              "佔總離開線勵請輸選擇筆詢驗證當員閲紙國東業團際將麼個讚馬獎搶薦則顧絡連尋氣設蹤級聽細內簡"
              # credits and stamps: 講師, 議員, 創刊, 現場, 更新後, 獲授權, 寫真, 綜合
              "師講議創現後獲寫綜"
              # (執行編輯, 採訪, 擷取, 臺灣: conversion-only rows of the table)
              "執採擷臺")
_T2S_FURNITURE = str.maketrans({c: BUNDLED[c] for c in _FURNITURE})


# a pinyin gloss a conversion gateway puts after a character: 點擊次數(shù), 請(qǐng)
_PINYIN = twins.compile(r"(?<=\p{Han})\((?=[a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
                        r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")

_TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")

# the full-width punctuation of nearly every Chinese line, with its NFKC form: replaced first
# (str.replace, in C), a line is mostly in NFKC already and normalize() — several times slower
# than the check — is skipped. The same result: a character and its NFKC form decompose alike
_WIDE = (
    *((c, unicodedata.normalize("NFKC", c)) for c in "，：；（）！？\u3000"),
    # the middle dots NFKC leaves: a Taiwan page's hyphenation point (撰文‧某某, 夷將‧拔路兒)
    # and the katakana one (2019-10-11・某時), read as the · the rules write
    ("\u2027", "\u00b7"), ("\u30fb", "\u00b7"),
    # the vertical two-dot mark Hong Kong and Macao pages set as a colon (地址︰…, 資料來源︰…),
    # which NFKC would make two full stops
    ("\ufe30", ":"))


def norm(line: str, table: dict[int, str] = _T2S) -> str:
    """The form rules match on: NFKC, one space for any run of white space, trimmed, the
    traditional characters made simplified, pinyin glosses (數(shù)) dropped, a line set letter
    by letter (新 聞 公 佈) closed up."""
    if not line:
        return line     # (a blank line: most pages hold one between every two paragraphs)
    for wide, narrow in _WIDE:
        if wide in line:
            line = line.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", line):
        line = unicodedata.normalize("NFKC", line)
    if line.isprintable():
        # its only white space is " " (and none of \x1c-\x1f, which split() cuts at and \s
        # does not): split() and join() give what the regex gives
        line = " ".join(line.split()) if "  " in line else line.strip()
    else:
        line = _WS.sub(" ", line).strip()
    if "(" in line and _TONED.search(line):    # (every gloss holds a toned vowel)
        line = _PINYIN.sub("", line)
    if line.count(" ") >= MIN_GAPS and letter_spaced(line):   # (count first: a hot path)
        line = close_up(line)
    # translate() looks up every character: only when a traditional form is there (few lines)
    if _TRAD.search(line):
        line = line.translate(table)
    return _without_jammer(line) if line.count(" ") >= _JAM_MIN else line


# a forum's anti-copy noise around a post's own words (0 }0 I& S E6 s* i# b ~) Q特斯拉是大屏的先驱&
# \7 ^3 d7): the words are read without it, so they look like the text they are; a line of noise
# alone, or of noise and a board's name, is left for the jammer rule
_JAM_MIN = 5
_JAM_TOKEN = re.compile(r"(?<!\S)[!-~]{1,3}(?!\S)")
_JAM_GLUED = re.compile(r"(?<!\S)[!-~]{0,2}[!-/:-@\[-`{-~](?=[\u4e00-\u9fff])"
                        r"|(?<=[\u4e00-\u9fff])[!-/:-@\[-`{-~][!-~]{0,2}(?!\S)")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_ASCII_MARK = re.compile(r"[!-/:-@\[-`{-~]")
_NOT_JAM = frozenset({"->", "<-", ">>", "<<", "||", "--", "==", "**", "..", "()", "[]", ":)", "//"})
# a board's name glued to the noise is the noise's (the jammer rule takes the line)
_BOARD = ("论坛", "社区", "网", "吧", "站", "家园", "之家")


def _without_jammer(line: str) -> str:
    """line without jammer noise when it holds five marked noise bits and text (five Chinese
    characters or more in words of two or more, not a board's name: 记者 某某 来源:某某日报 too)."""
    # (each noise bit holds an ASCII mark: a line with fewer than five marks has too few bits)
    if len(_ASCII_MARK.findall(line)) < _JAM_MIN:
        return line
    if sum(len(r) for r in _HAN_RUN.findall(line) if not r.endswith(_BOARD)) < 5:
        return line
    # (its bits are pairs, a letter or a mark and a digit or a mark: s7 |- }" — a menu's lone |
    # or >, a counter's (0) are no noise)
    bits = _JAM_TOKEN.findall(line)
    if sum(1 for b in bits if len(b) == 2 and not b.isalnum() and b not in _NOT_JAM) < _JAM_MIN:
        return line
    out = _JAM_GLUED.sub("", _JAM_TOKEN.sub("", line))
    return " ".join(out.split())


def furniture_form(line: str, normed: str) -> str:
    """norm(line) with only the Traditional characters of page furniture made Simplified: the
    form the word scorer's weights were learnt on (`normed`: norm(line), the same on a line
    with no Traditional character)."""
    return norm(line, _T2S_FURNITURE) if _TRAD.search(line) else normed


_PARA_END = twins.compile(r"[。!?;…\"'”’」』)\]】.]$")
_ENDS_IN_DATE = twins.compile(r"(?:\s|[(\[【])(?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}[)\]】]?$|"
                              r"[→>»]$")


def is_anchor_shape(n: str) -> bool:
    """A body paragraph: 20+ characters with sentence punctuation that ends like a sentence
    (or holds a 。), or 40+ with commas. A headline in a list (暖心！外卖小哥跳河救人 2024-09-17,
    快来打卡→) is not one, however long: it would shield the junk above it from the tail."""
    # both patterns end at $ (the end, or before a last newline) and span at most 12 and 1
    # characters: searched from near the end, not tried at every position of the line
    if len(n) < 20 or _ENDS_IN_DATE.search(n, len(n) - 16):
        return False
    if SENT.search(n):
        return "。" in n or bool(_PARA_END.search(n, len(n) - 2))
    # no sentence punctuation: a long line with commas — unless it is a list of short items
    # (热门搜索：养老金上调、公积金贷款利率、…), a link list and not a paragraph
    if len(n) < 40:
        return False
    # commas only inside a kicker or a quote (【…正当时,…开新局】某地文化旅游节闭幕): a headline's
    bare = _BRACKETED.sub("", n) if "\u3011" in n or "\u201d" in n or "\u300b" in n else n
    return (("," in bare and not _is_keyword_list(n))
            or ("、" in bare and not _is_item_list(n)))


_BRACKETED = twins.compile(r"【[^】]*】|“[^”]*”|《[^》]*》")


_ITEMS = twins.compile(r"[、\s|/]+")


def _is_item_list(n: str) -> bool:
    items = [x for x in _ITEMS.split(n.split(":", 1)[-1]) if x]
    return len(items) >= 5 and max(map(len, items)) <= 10


_COMMA_ITEMS = twins.compile(r"\s*,\s*")


def _is_keyword_list(n: str) -> bool:
    """精品视频,在线观看,…: a list of short keywords cut by commas, no sentence in it. A paragraph
    the page cut before its stop (…完成抽检6997389批次,依据…进行检验,发现…) is none: its clauses
    run longer than keywords do (more than 10 characters on average), and it is no teaser cut
    with dots nor a label's note (版权说明：…), which stay lists."""
    items = [x for x in _COMMA_ITEMS.split(n) if x]
    if len(items) < 4 or max(map(len, items)) > 24 or "。" in n:
        return False
    return (sum(map(len, items)) <= 10 * len(items) or n.endswith(("...", "…"))
            or ":" in n[:8])


# body lines a headline never looks like: a numbered head (一、 （二） 3. Q：), a label (时间：…),
# an issuer's signature (区科学技术局), a table row (食品烟酒 | 0.9 | -1.2), a list of names
# a line opened by an agency's or paper's dateline is the story's first line, never its
# headline nor furniture, even with the title after it (中新社北京九月二十七日电 题:…,
# 本报上海3月8日讯 …)
DATELINE_START = twins.compile(r"^\(?\s*\p{Han}{1,6}(?:社|网|台|报)\s*\p{Han}{0,16}?"
                               r"(?:(?:19|20)\d{2}年)?(?:[\d一二三四五六七八九十]{1,3}月)?"
                               r"[\d一二三四五六七八九十廿卅]{1,3}日(?:电|讯)"
                               # (or the place alone, its agency cut off: 兴安盟12月13日电 题:…)
                               r"|^\p{Han}{2,8}\d{1,2}月\d{1,2}日电(?=\s|题|[(（])")
# a headline naming who speaks or where, then what (工信部:截至4月末已建成5G基站161.5万个,
# 巢湖市:戏剧演出进农村): a news headline's commonest form and no field, when its key ends in
# no field's word (来源, 时间, 主办 …) and six Han or more follow with no second colon
_FIELD_WORD = ("时间|日期|来源|作者|编辑|记者|单位|机构|部门|地址|电话|邮箱|标题|题目|主题|栏目"
               "|分类|类别|关键词|关键字|摘要|简介|备注|说明|附件|网址|链接|名称|编号|文号|代码|简称|阅读"
               "|浏览|点击|位置|导航|状态|责编|审核|校对|摄影|摄像|通讯员|供稿|出处|发布|提示|声明"
               "|主办|承办|协办|主管|出品|制作|策划|监制|统筹|设计|出版|发行|投稿|联系|咨询|支持"
               "|运营|标签|地点|对象|内容|方式|要求|条件|范围|期限|费用|价格|规格|型号|品牌|产地"
               "|职务|职称|性别|民族|籍贯|学历|专业|年龄|姓名|传真|邮编|热线|报名|截止|公示|字号"
               "|人气|回复|楼主|积分|帖子|注册|等级|权限|奖项|获奖|得主|评语|理由|事由|案由|结果")
COLON_HEADLINE = (r"(?![\p{Han}·]{0,8}(?:" + _FIELD_WORD + r"):)\p{Han}[\p{Han}·A-Za-z]{1,9}:"
                  r"(?=(?:[^:]*?\p{Han}){6})[^:]{6,48}$")
_NOT_HEADLINE = twins.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十\d]{1,2}\)|\d{1,2}[.、]"
    r"|[QA问答]\s*:|附件|(?:文件|资料|文档)下载)"
    # a download button after its label (文件下载 下载)
    r"|\s下载$"
    # (a topic's tag in brackets may open a speaker's headline: 【新冠肺炎】林郑:…; so may a
    # column's name before a bar: 东西问|某某:…)
    r"|^(?!(?:【[^】]{1,8}】|\p{Han}{2,6}\s?[|丨]\s?)?" + COLON_HEADLINE + r")[^:]{1,8}:"
    # (an office's name; not 举办/主办/承办/开办: a headline's verb)
    r"|(?:局|厅|(?<![举主承协创开合督])办|委|委员会|政府|中心|办公室|院|所|处|科|站|协会|公司|集团)$"
    r"|\|\s*-?[\d.]+%?\s*$|\|.*\|"
    r"|^[^,]{1,6}们,|电\s*\(|^(?:新华社|中新社|本报|本刊)\p{Han}{0,6}\d"
    r"|^\p{Han}{2,4}(?:\s+\p{Han}{2,4}){2,}$"
    # a report's speaker under its title: an office's head, a space, the name (某某局局长 温存)
    r"|(?:局长|主任|书记|市长|县长|区长|镇长|乡长|省长|部长|厅长|主席|院长|校长|处长|行长"
    r"|总经理|董事长|会长|理事长|秘书长|检察长)\s+\p{Han}{2,3}$")
_DATELINE = twins.compile(r"(?:电|讯|报道|消息)$|^(?:本报|本刊|新华社|中新社|据)")
_HEADLINE_BAD = twins.compile(r"[。;]|[:：]$")


_HAN_AT_LEAST: dict[int, Any] = {}


def han_at_least(n: str, k: int) -> bool:
    """Whether n holds k or more Han characters, as len(_HAN.findall(n)) >= k tells: a search
    that stops at the k-th, not a list of them all."""
    if k <= 0:
        return True
    rx = _HAN_AT_LEAST.get(k)
    if rx is None:
        rx = _HAN_AT_LEAST[k] = twins.compile(r"\p{Han}(?:[^\p{Han}]*\p{Han}){" + str(k - 1) + "}")
    return rx.search(n) is not None


def is_headline_shape(n: str, max_len: int = 40) -> bool:
    """A title in a list or over a story: like is_title_shape, but ！ and ？ are allowed
    (重磅！江城再添一所高校, 周末去哪儿？…) — still no 。 or ；, and short."""
    return (4 <= len(n) <= max_len and not _HEADLINE_BAD.search(n)
            and han_at_least(n, 2))


def is_title_shape(n: str, max_len: int = 60) -> bool:
    """Short, no sentence punctuation, not a label ending in a colon, some Han."""
    return (4 <= len(n) <= max_len and not SENT.search(n) and not n.endswith((":", "："))
            and han_at_least(n, 2))


_DATE = twins.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
                      r"(?!\d)\s*日?"
                      r"(?:\s*(?:(?:星期|周)[一二三四五六日天])?\s*(\d{1,2})\s*[:时]\s*(\d{2}))?")
_ISO = twins.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?$")
# (day first too, as Hong Kong and overseas pages write it: 18/11/2021)
_DATE_ONLY = twins.compile(r"^(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                           r"|\d{1,2}([-/.])\d{1,2}\1(?:19|20)\d{2})"
                           r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_SHORT_DATE = twins.compile(r"(?<!\d)\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                            r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def iso_date(s: str) -> str | None:
    """The first full date in s as ISO 8601 ('2024-03-08' or '2024-03-08T10:21'), else None."""
    s = unicodedata.normalize("NFKC", s)
    # every date's year starts with 19 or 20: most lines without one are not searched
    m = _DATE.search(s) if "20" in s or "19" in s else None
    if not m:
        return None
    y, mo, d, hh, mm = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    out = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if hh is not None and int(hh) < 24 and int(mm) < 60:
        out += f"T{int(hh):02d}:{int(mm):02d}"
    return out

