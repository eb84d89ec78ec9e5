"""count, money and percent finders: what they find on the seed article, the Recognizers-Text
money/percent cases, and behaviours the contract fixes (FACTS.md)."""
from __future__ import annotations

import json

import pytest
from conftest import REF_DATE, ROOT, SHARED, score

SUITE = SHARED / "benchmarks" / "recognizers.jsonl"


def _facts(pipe, text, type_=None, ref_date=REF_DATE):
    art = pipe.extract(text, ref_date=ref_date)
    assert art.error is None, art.error
    for f in art.facts:
        assert text[f.start:f.end] == f.text
    return [f for f in art.facts if type_ is None or f.type == type_], art


# ----------------------------------------------------------------------------- seed article
def test_seed_count_objects(seed):
    """What a count counts, on the seed (its score is tests/test_seed.py's)."""
    objects = {f.text: f.extra.get("object") for f in seed.article.facts if f.type == "count"}
    assert objects.get("137家") == "妇联组织"          # object before the number
    assert objects.get("2562个") == "暑期见习实践岗位"  # object after the classifier


# ----------------------------------------------------------------------------- conformance
@pytest.mark.skipif(not SUITE.exists(), reason="shared suite not present")
@pytest.mark.parametrize("kind", ["money", "percent"])
def test_recognizers_suite(pipe, kind):
    """Recognizers-Text money / percent cases (date rows are another finder's): F1 floor 0.95."""
    gold, records = {}, {}
    for line in SUITE.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if kind not in case["types"]:
            continue
        art = pipe.extract(case["text"], ref_date=case.get("ref_date"), id=case["id"])
        gold[case["id"]] = {"id": case["id"], "facts": case["expect"], "types": [kind],
                            "exhaustive": case.get("exhaustive", True)}
        records[case["id"]] = art.to_dict()
    summary, _ = score(gold, records)
    s = summary["types"][kind]
    assert s["tp"] > 25
    assert s["f1"] >= 0.95, s


# ----------------------------------------------------------------------------- count
def test_count_values_units_objects(pipe):
    facts, _ = _facts(pipe, "区里新建社区书屋42家,吸引读者7.5万人次,发放图书三千余册。", "count")
    got = {(f.text, f.value, f.unit, f.qualifier) for f in facts}
    assert ("42家", 42, "家", None) in got
    assert ("7.5万人次", 75000, "人次", None) in got
    assert ("三千余册", 3000, "册", "more_than") in got
    assert next(f for f in facts if f.unit == "家").extra.get("object") == "社区书屋"


def test_object_after_classifier(pipe):
    facts, _ = _facts(pipe, "今年为青年提供1200个见习岗位。", "count")
    assert facts[0].extra.get("object") == "见习岗位"


def test_object_next_to_the_number_in_a_long_clause(pipe):
    # the object is tagged in a short window next to the number; a long object is still whole
    text = (
        "在今年上半年全市组织开展的各类评选活动当中" * 2 + "建成标准化家事调解社区工作室2001个和"
        "2562个暑期见习实践岗位以及优秀社区志愿服务组织项目30个。"
    )
    facts, _ = _facts(pipe, text, "count")
    obj = {f.text: f.extra.get("object") for f in facts}
    assert obj["2001个"] == "标准化家事调解社区工作室"     # longer than the first window
    assert obj["2562个"] == "暑期见习实践岗位"
    assert obj["30个"] and obj["30个"].endswith("项目")


def test_context_tokens_are_cached_per_sentence_and_unchanged():
    from pipeline import nlp
    from pipeline.context import Context
    ctx = Context(text="全县新建驿站12个。合作社流转土地3200亩。")
    a = ctx.tokens(3, pos=True)
    a.clear()                                          # a caller's list is its own
    b = ctx.tokens(5, pos=True)
    assert [t.text for t in b] == [t.text for t in nlp.segment_pos("全县新建驿站12个。")]
    second = ctx.tokens(14)
    assert second[0].start == 10 and ctx.text[second[0].start:second[0].end] == second[0].text


def test_years_dates_and_durations_are_not_counts(pipe):
    facts, _ = _facts(pipe, "2023年3月8日,该村连续5年获评先进,近20年来已有3个月无事故。", "count")
    assert facts == []


@pytest.mark.parametrize("text,trap", [
    ("今年是第114个国际妇女节。", "114"), ("她当选全国三八红旗手。", "三八"),
    ("学习贯彻党的十三大精神。", "十三"), ("首批5G基站开通。", "5"),
    ("这是一场别开生面的活动。", "一场"), ("出台《关于支持创业的十条举措》。", "十条"),
    ("他的成绩排名全省第一。", "第一"), ("前10名选手晋级。", "10"), ("这是他第一次参赛。", "一次"),
])
def test_count_traps(pipe, text, trap):
    facts, _ = _facts(pipe, text, "count")
    assert not [f for f in facts if trap in f.text or f.text in trap], facts


def test_one_counts_with_a_measure(pipe):
    facts, _ = _facts(pipe, "她在决赛中摘得一枚金牌。", "count")
    assert [(f.text, f.value, f.unit) for f in facts] == [("一枚", 1, "枚")]


def test_count_range_gives_each_end(pipe):
    facts, _ = _facts(pipe, "每个小组配备3至5名辅导员。", "count")
    assert sorted((f.value, f.unit, tuple(f.extra.get("tags", []))) for f in facts) == [
        (3, "名", ("range_from",)), (5, "名", ("range_to",))]


def test_count_list_shares_classifier(pipe):
    facts, _ = _facts(pipe, "各街道分别新增网点12、15、20个。", "count")
    assert sorted(f.value for f in facts) == [12, 15, 20]
    assert {f.unit for f in facts} == {"个"}


def test_measure_units(pipe):
    facts, _ = _facts(pipe, "完成造林6万亩,清运垃圾300吨,新建绿道12公里。", "count")
    assert {(f.value, f.unit) for f in facts} == {(60000, "亩"), (300, "吨"), (12, "公里")}
    # the old market units (市斤, 市亩): 市 is no classifier of cities there; 32市 still is one
    facts, _ = _facts(pipe, "当时口粮定额为每月28市斤,全国有32市实行。", "count")
    assert {(f.value, f.unit) for f in facts} == {(28, "市斤"), (32, "市")}
    facts, _ = _facts(pipe, "他家种了5市亩地。", "count")
    assert [(f.text, f.value) for f in facts] == [("5市亩", 5)]


# ----------------------------------------------------------------------------- money
def test_money_shared_unit_list(pipe):
    facts, _ = _facts(pipe, "近三年全市民生支出分别为6.53亿、6.83亿、7.17亿元。", "money")
    assert [(f.text, f.value, f.unit) for f in facts] == [
        ("6.53亿", 653000000, "CNY"), ("6.83亿", 683000000, "CNY"), ("7.17亿元", 717000000, "CNY")]


@pytest.mark.parametrize("text,value,unit", [
    ("捐款1184.74万元", 11847400, "CNY"), ("售价￥399", 399, "CNY"),
    ("融资3000万美元", 30000000, "USD"), ("每股2.5港元", 2.5, "HKD"),
    ("罚款壹佰万元整", 1000000, "CNY"), ("成本50元6角", 50.6, "CNY"),
    ("投资8亿元人民币", 800000000, "CNY"), ("定价US$25", 25, "USD"), ("约合€30", 30, "EUR"),
])
def test_money_values(pipe, text, value, unit):
    facts, _ = _facts(pipe, text, "money")
    assert [(f.value, f.unit) for f in facts] == [(value, unit)]


def test_unit_without_number_warns(pipe):
    facts, art = _facts(pipe, "公益日期间,平台上线万元爱心基金。", "money")
    assert facts == []
    assert "上线万元" in art.warnings


def test_money_qualifier_and_range(pipe):
    facts, _ = _facts(pipe, "累计筹集资金超过2000万元,单户补助5万至8万元。", "money")
    got = {(f.value, f.qualifier, tuple(f.extra.get("tags", []))) for f in facts}
    assert (20000000, "more_than", ()) in got
    assert (50000, None, ("range_from",)) in got and (80000, None, ("range_to",)) in got


def test_bare_amounts_need_money_context(pipe):
    assert _facts(pipe, "全市常住人口1275万,奖池累计36.57亿。", "money")[0] == []
    facts, _ = _facts(pipe, "全年营业收入达到12.5亿,同比增长8%。", "money")
    assert [(f.value, f.unit) for f in facts] == [(1250000000, "CNY")]


# ----------------------------------------------------------------------------- percent
def test_percent_forms(pipe):
    facts, _ = _facts(pipe, "增长8.5%,占比百分之三十,近三成企业,千分之五,下降0.8个百分点。",
                      "percent")
    got = [(f.value, f.unit) for f in facts]
    assert got == [(8.5, "%"), (30, "%"), (30, "%"), (0.5, "%"), (0.8, "pp")]
    assert facts[0].extra.get("change") == "up"
    assert facts[-1].extra.get("change") == "down"
    assert facts[2].qualifier == "about"


def test_percent_not_in_urls_or_idioms(pipe):
    text = "详见 https://a.cn/s?q=30%25%2020% ,大家三五成群,一成不变。"
    assert _facts(pipe, text, "percent")[0] == []


# ----------------------------------------------------------------------------- colloquial forms
@pytest.mark.parametrize("text,value,unit", [
    ("奶茶两块五", 2.5, "CNY"), ("青菜三块五一斤", 3.5, "CNY"), ("车票1元5", 1.5, "CNY"),
    ("冰棍三毛五", 0.35, "CNY"), ("一瓶水两毛钱", 0.2, "CNY"), ("学生票5毛。", 0.5, "CNY"),
    ("月薪8k元", 8000, "CNY"), ("售价199美刀", 199, "USD"), ("标价₩5000", 5000, "KRW"),
    ("标价＄30", 30, "USD"), ("售价100 USD", 100, "USD"), ("注册资本RMB100万元", 1000000, "CNY"),
])
def test_colloquial_money(pipe, text, value, unit):
    facts, _ = _facts(pipe, text, "money")
    assert [(f.value, f.unit) for f in facts] == [(value, unit)]


@pytest.mark.parametrize("text", ["他切下一块五斤重的肉。", "作家三毛,一毛不拔。",
                                  "解一元二次方程。", "5k分辨率的屏幕。",
                                  "投资数千万元,几十万元的项目,上亿元的项目。"])
def test_colloquial_money_near_misses(pipe, text):
    assert _facts(pipe, text, "money")[0] == []


def test_counts_of_animals_scores_rounds_temperatures(pipe):
    facts, _ = _facts(pipe, "村里送来3只羊。他考了612分。发射炮弹2000余发。气温零下15℃,午后-3℃。",
                      "count")
    got = [(f.text, f.value, f.unit) for f in facts]
    assert got == [("3只", 3, "只"), ("612分", 612, "分"), ("2000余发", 2000, "发"),
                   ("零下15℃", -15, "℃"), ("-3℃", -3, "℃")]
    assert _facts(pipe, "这3只是开始,比赛第3分钟他以3分领先,十四五发展规划。", "count")[0] == []


def test_growth_multiples_are_percents(pipe):
    facts, _ = _facts(pipe, "营收同比增长1.3倍,利润翻了一番,产值翻两番;认购386倍,是去年的3倍。",
                      "percent")
    assert [(f.text, f.value, f.extra.get("tags")) for f in facts] == [
        ("增长1.3倍", 130, ["multiple"]), ("翻了一番", 100, ["multiple"]),
        ("翻两番", 300, ["multiple"])]


# ----------------------------------------------------------------------------- locale
@pytest.mark.parametrize("text,meta,want", [
    # the url host or the publisher decides alone
    ("全年撥款五百億元。", {"url": "https://news.example.com.hk/a/1"}, "zh-HK"),
    ("全年撥款五百億元。", {"url": "https://udn.com/news/story/1"}, "zh-TW"),
    ("全年拨款五百亿元。", {"source": "澳門日報"}, "zh-MO"),
    # a dateline, place-only words, the Traditional script
    ("中央社記者王明台北8日電）行政院今天通過預算。", {}, "zh-TW"),
    ("【澳門】特區政府今年繼續推行現金分享計劃，本澳居民受惠。", {}, "zh-MO"),
    ("港府今日公布，全港公屋輪候時間縮短，特首表示滿意。", {}, "zh-HK"),
    # a Hong Kong site's story that is plainly about Macao
    ("澳門施政報告\n澳門行政長官發表施政報告，澳門居民每人獲一萬元，本澳經濟向好，澳門旅客增加。",
     {"url": "https://www.hk01.com/x"}, "zh-MO"),
    # the mainland: a mention of Hong Kong, a headline starting with 香港, the Greater Bay Area
    ("恒生指数收涨1.2%，成交额900亿港元；A股方面，公司净利润3亿元。", {}, "zh-CN"),
    ("香港回归二十五周年，全市共投入资金5000万元。", {}, "zh-CN"),
    ("粤港澳大湾区建设提速，香港、澳门与广州合作，投资500亿元。", {}, "zh-CN"),
    # a mainland report served in Traditional characters stays zh-CN; Traditional with no place:
    # zh-CN
    ("全國居民收入\n上半年，全國居民人均可支配收入20733元，城鎮居民人均可支配收入27561元，農村居民"
     "人均可支配收入11272元。", {}, "zh-CN"),
    ("這是一個很長的句子，我們說這個會議上大家對此進行了討論，價格為三百元。", {}, "zh-CN"),
    # a byline dateline under the headline (記者…／台南報導)
    ("台南補助恐延宕\n2025/12/30 05:30 記者王明／台南報導\n市長表示，約七〇億元中央補助計畫恐遭延宕"
     "。", {}, "zh-TW"),
    # Taiwan's byline form with any place or desk (a mirror serves it in Simplified); the
    # mainland's 记者 某某 报道 has no slash and no place
    ("员林公益捐款\n[记者陈某/彰化报导]脸书社团今日发起公益活动，共捐出零钱27万元。", {}, "zh-TW"),
    ("記者林某/綜合報導\n百貨公司週年慶開跑，首日業績達30億元。", {}, "zh-TW"),
    ("本报讯（记者 张明 报道）全市今年投入资金5000万元，建成公园12个。", {}, "zh-CN"),
    # the Monetary Authority and a county councillor: one place's offices
    ("金管局表示，16家活躍於中小企貸款的銀行已經預留逾3700億元專項資金，將定期檢視規模。", {},
     "zh-HK"),
    ("縣長會同縣議員會勘老舊道路，將斥資逾800萬元改善。", {}, "zh-TW"),
    # a converted mainland page: two weak Taiwan cues (平臺, 裡) weigh no more than the
    # mainland's own words
    ("清晨六點，雲南省賓川縣的農戶在倉庫裡打包，通過平臺發往全國，鄉村振興帶動增收近1億元。", {},
     "zh-CN"),
    # a mainland report's counties, cities and districts together (縣市區), converted: the
    # mainland's; Taiwan writes 縣市 alone
    ("江城市及7個縣市區分別和企業簽約合作項目30個，簽約金額134.9億元。", {}, "zh-CN"),
    # a district's or a department's name that only one place has, with no dateline
    ("一名男子涉嫌刑事毀壞，今日在天水圍被捕，案件交由灣仔警區跟進。", {}, "zh-HK"),
    ("立法会选举周日举行，运输署提醒市民乘搭公共交通工具前往投票站。", {}, "zh-HK"),
    ("台南市政府农业局举办农夫市集，高雄市也将跟进，门票100元。", {}, "zh-TW"),
    # a mainland report on Taiwan names the mainland's office and stays zh-CN
    ("国台办发言人表示，台湾地区高雄市的台胞可申请补贴500元。", {}, "zh-CN"),
    # a mainland page a mirror served converted and glossed with pinyin: the mainland's; the
    # same text unglossed is Traditional with a Taiwan word, and Taiwan's
    ("今天清晨,東方城市花園小區(qū)發(fā)生火災(zāi),縣市消防局到場,損失約三千元。", {}, "zh-CN"),
    ("今天清晨,東方城市花園小區發生火災,縣市消防局到場,損失約三千元。", {}, "zh-TW"),
    # one weak cue alone (臺 is every 台 of a converted page) or a place's name (九龍 is also a
    # mainland village's) does not move a Traditional page off the mainland
    ("今天清晨,東方城市花園小區發生火災,臺階被燒毀,損失約三千元。", {}, "zh-CN"),
    ("九龍村飲水工程總投資超1300萬元,建設反沖洗設備,全村受益。", {}, "zh-CN"),
    # 國人 inside 中國人 and a mainland city's 臺 (臺州) are no Taiwan words
    ("對咱們中國人來說，中秋正是禮尚往來的好時候，臺州的張先生收到一件禮物，價值200元。", {},
     "zh-CN"),
    ("國人赴日旅遊人數創新高，機場裡擠滿旅客，全年消費逾三百億元。", {}, "zh-TW"),
    # 華小 inside a mainland school's name (新華小學) is no Malaysian Chinese school
    ("江城開發區將投入27億元改擴建中小學，2017年完成新華小學一期工程。", {}, "zh-CN"),
    # a mainland county's market regulator in Traditional characters (its 縣市 is no Taiwan word)
    ("去年以來，江城縣市場監督管理局共受理投訴舉報案件2126件，其中12315平臺分流121件，"
     "為消費者挽回經濟損失213.52萬元。", {}, "zh-CN"),
    ("雪蘭莪州一所華小今年新生人數增加，州議員撥款50萬元修建禮堂。", {}, "zh-MY"),
    # a Hong Kong market report (its index, its shares) on a site of no place; a mainland review
    # of both markets stays the mainland's
    ("恒指收升198點\n港股結束連續6日跌勢，恒生指數收報16587點，主板成交額1019億元。", {}, "zh-HK"),
    ("恒指收升198点\n港股结束连续6日跌势，恒生指数收报16587点，主板成交额1019亿元。", {}, "zh-HK"),
    ("沪深股市今日上涨，上证指数收报3306点，两市成交额8000亿元；港股方面，恒生指数收涨1%。", {},
     "zh-CN"),
    # Ming Pao's own-story tag, the Finance Committee, a chief executive by name
    ("【明報專訊】財委會昨日舉行年結匯報，今個年度共批准67個項目，涉款近1268億元。", {}, "zh-HK"),
    ("行政長官林鄭月娥表示，政府將向立法會申請不少於250億元撥款。", {}, "zh-HK"),
    ("行政長官賀一誠表示，特區政府明年繼續推行現金分享計劃。", {}, "zh-MO"),
    # a mainland provincial report a Big5 gateway served: the mainland's own words
    ("全省納入統計的709家A級旅游景區共接待游客875.84萬人次，實現門票收入8648.95萬元。", {},
     "zh-CN"),
    # Singapore and Malaysia: their institutions and currency words; a mainland report on
    # Singapore and Xinhua's dispatch from there stay zh-CN
    ("（新加坡讯）建屋发展局今天公布，今年第三季组屋转售价格上涨1.2%。", {}, "zh-SG"),
    ("已有18萬名樂齡人士得到超過13億元的補貼，每人最多可獲1萬零500新幣，新加坡將繼續加強。", {},
     "zh-SG"),
    ("全年拨款五百亿元。", {"url": "https://www.zaobao.com.sg/news/1"}, "zh-SG"),
    ("（吉隆坡讯）首相署今日宣布，政府将拨款5亿令吉。", {}, "zh-MY"),
    ("据澳门日报报道，今年首三季澳门博彩收益近590亿。", {}, "zh-MO"),
    ("博彩監察協調局公布，二月博彩毛收入二百零六億二千七百萬元。", {}, "zh-MO"),
    ("新竹縣稅捐局表示，今年1-10月住宿餐飲業銷售額約58億2千萬元。", {}, "zh-TW"),
    ("这户人家今年可领取水电费回扣300元，年薪近10万元。", {}, "zh-SG"),
    ("年满21岁的新加坡人可获得生活成本补助，每户另得$300元社理会代金券。", {}, "zh-SG"),
    ("立法會三讀通過追加撥款約133億元，期間只有工聯會議員發言表示支持。", {}, "zh-HK"),
    ("根据新加坡统计局昨天发布的数据，新加坡居民家庭每月收入中位数为9520元。", {}, "zh-SG"),
    ("部长宣布每年拨款20万令吉予登嘉楼州10所华小。", {}, "zh-MY"),
    ("社会与家庭发展部的社区关怀计划去年发出的援助总额达到1亿3100万元。", {}, "zh-SG"),
    ("财政司司长在财政预算案中宣布，增拨约6亿6,000万元推行四项安老服务。", {}, "zh-HK"),
    ("新加坡总理访华，中新两国签署合作协议，苏州工业园区累计投资500亿元。", {}, "zh-CN"),
    ("新华社新加坡3月8日电 新加坡贸工部8日公布，一季度经济增长3%，投资额500亿元。", {}, "zh-CN"),
    # Taiwan's town offices and farmers' associations, its ID card spelt 身分證; Singapore's
    # flat types and ministers of state, its towns
    ("羅東鎮公所為65歲以上長者發放重陽禮金，每人1,000元，今年度共發出2萬份。", {}, "zh-TW"),
    ("受災農民請攜帶身分證、私章及農會帳號，向當地公所申請，每公頃救助8萬元。", {}, "zh-TW"),
    ("三巴旺一个五房式组屋单位以最高价114万元成交。", {}, "zh-SG"),
    ("文化部高级政务部长在三巴旺宣布，政府推出2亿5000万元的公益配对津贴。", {}, "zh-SG"),
    # overseas Chinese communities: a local paper's dateline, words only their papers write
    # (卑诗, 列治文, 本拿比, 安省, 紐省, 蒙特利公园), their hosts and papers
    ("（本报温哥华讯）大温哥华中华文化中心周六举行筹款晚宴，筹得善款20万元。", {}, "zh-CA"),
    ("列治文市议会通过新财年预算，本拿比也将跟进，每户退税300元。", {}, "zh-CA"),
    ("大多伦多中华文化中心举办晚宴，安省省议员及万锦市议员出席，筹得20万元。", {}, "zh-CA"),
    ("卡城華人社團聯手為災民籌款，共募得善款逾3萬元，將交紅十字會。", {}, "zh-CA"),
    ("(本報雪梨訊)雪梨華人獅子會舉辦慈善餐舞會，是紐省最大的獅子會之一，籌得逾80萬元。", {},
     "zh-AU"),
    ("南加州同乡会在蒙特利公园举行春节联欢，州众议员出席，筹得善款2万元。", {}, "zh-US"),
    # New South Wales shortened (新州), the community's country named first (加中两国, 澳中关系)
    ("新州华人社团在悉尼举办赈灾晚会，筹得善款39万元。", {}, "zh-AU"),
    ("晚会在加中两国国歌声中开始，多伦多侨界筹得善款两千元。", {}, "zh-CA"),
    ("中加两国签署协议，多伦多和温哥华的企业将投资5亿元。", {}, "zh-CN"),
    # Taiwan's science council (國科會) on a Traditional page; a mainland report that names it once
    # in Simplified stays the mainland's
    ("大學校長今天表示，將結合國科會優秀人才計畫延攬學者，校友捐贈5億元興建紀念館。", {},
     "zh-TW"),
    ("据台湾媒体报道，台湾“国科会”宣布削减研究经费，大陆高校今年投入科研经费3亿元。", {},
     "zh-CN"),
    ("全年撥款五百億元。", {"url": "https://www.example.ca/news/1"}, "zh-CA"),
    ("全年拨款五百亿元。", {"url": "https://news.example.com.au/a"}, "zh-AU"),
    ("全年拨款五百亿元。", {"url": "https://www.example.co.nz/a"}, "zh-NZ"),
    ("全年拨款五百亿元。", {"source": "侨报"}, "zh-US"),
    # ...a mainland report or an agency's dispatch from there names their cities: the mainland's
    ("新华社多伦多5月3日电 加拿大统计局公布，多伦多和温哥华房价上涨，投资5亿元。", {}, "zh-CN"),
    ("澳洲悉尼墨尔本十日游，旅行社报价15999元。", {}, "zh-CN"),
    ("新华社纽约5月3日电 联合国秘书长表示感谢，中方向基金捐款500万元。", {}, "zh-CN"),
    ("温哥华冬奥会上中国代表团获得5枚金牌，奖金每人50万元。", {}, "zh-CN"),
    # a Hong Kong paper's own-story tag (大公報訊) over a Macao company's results; listed
    # companies' codes on a Traditional page say which exchange it follows (Hong Kong's five
    # figures from 0, Taiwan's four), a year in brackets is no code, and a mainland page that
    # names Hong Kong shares by their codes stays the mainland's
    ("【大公報訊】澳博(00880)公布，首季虧損按年擴大至6.47億元，澳門業績開始反彈。", {}, "zh-HK"),
    ("威盛(2388)股價飛漲至30.2元，南科(2408)減資後股本從129.1億元下降至51.6億元。", {}, "zh-TW"),
    ("該廠始建於(1998)年，去年產值逾3億元，全國門市達100家。", {}, "zh-CN"),
    ("腾讯控股(00700)股价收报380元，美团(03690)收涨2%，两股成交额共80亿元。", {}, "zh-CN"),
    # a Taiwan outlet named in Traditional (a title's site suffix) with a span of Minguo years;
    # the outlet named in Simplified on a mainland page counts for nothing
    ("大學指考放榜 錄取率創新高-風傳媒\n從105年至109年數據來看，報名費每人1,000元。", {}, "zh-TW"),
    ("据台湾风传媒报道，岛内大学录取率创新高，报名费每人1000元。", {}, "zh-CN"),
    # a Hong Kong forum's post in Simplified characters
    ("楼主月入三万，首期付了542万元。", {"url": "https://www.baby-kingdom.com/forum.php?tid=1"},
     "zh-HK"),
    # a locale the caller gives wins
    ("全年撥款五百億元。", {"locale": "zh-MO", "url": "https://udn.com/x"}, "zh-MO"),
])
def test_locale(pipe, text, meta, want):
    art = pipe.extract(text, meta=meta)
    assert art.meta["locale"] == want, (text, art.meta)


def test_bare_yuan_follows_the_locale_explicit_words_win(pipe):
    art = pipe.extract("今年撥款五百億元，另付人民幣三千元和2000港元。",
                       meta={"url": "https://udn.com/x"})
    units = {f.text: f.unit for f in art.facts if f.type == "money"}
    assert units == {"五百億元": "TWD", "人民幣三千元": "CNY", "2000港元": "HKD"}


def test_bare_yuan_in_singapore_and_malaysia(pipe):
    art = pipe.extract("（新加坡讯）建屋发展局公布，组屋平均每单位55万元，另拨款2000万美元。")
    assert {f.text: f.unit for f in art.facts if f.type == "money"} == {
        "55万元": "SGD", "2000万美元": "USD"}
    art = pipe.extract("（吉隆坡讯）首相署今日宣布，政府将拨款5亿令吉，另有300万元用于雪兰莪州。")
    assert {f.text: f.unit for f in art.facts if f.type == "money"} == {
        "5亿令吉": "MYR", "300万元": "MYR"}


def test_bare_yuan_and_dollar_on_overseas_community_pages(pipe):
    art = pipe.extract("（本报温哥华讯）老人会今天设立捐献点，收到善款20万元，其中加币$580元、"
                       "人民币¥1300元，另有$200元和美金50元。")
    assert art.meta["locale"] == "zh-CA"
    assert {f.text: f.unit for f in art.facts if f.type == "money"} == {
        "20万元": "CAD", "$580元": "CAD", "¥1300元": "CNY", "$200元": "CAD", "美金50元": "USD"}
    art = pipe.extract("(本報雪梨訊)紐省政府宣布，每戶可獲250元電費補貼，另撥5萬澳元。")
    assert {f.text: f.unit for f in art.facts if f.type == "money"} == {
        "250元": "AUD", "5萬澳元": "AUD"}
    # 加币$ is CAD on any page, and so is a bare $ after it (the article named its dollar);
    # a bare $ with no dollar named before it stays the US dollar on the mainland
    art = pipe.extract("义卖会收入加币$580元，另有$30。")
    assert {f.text: f.unit for f in art.facts if f.type == "money"} == {
        "$580元": "CAD", "$30": "CAD"}
    art = pipe.extract("义卖会另有$30，收入加币$580元。")
    assert {f.text: f.unit for f in art.facts if f.type == "money"} == {
        "$580元": "CAD", "$30": "USD"}


def test_a_minguo_year_with_its_tens_only_on_a_taiwan_page(pipe):
    # 八十八年六月三十日 in a Taiwan document is 1999-06-30; a mainland page writes its years
    # digit by digit, so there the tens make no year and the month and day keep the page's year
    text = "本會於八十八年六月三十日成立，九十二年一月改組。"
    dates = {f.text: f.value for f in pipe.extract(
        text, ref_date="2024-05-01", meta={"url": "https://www.example.org.tw/n/1"}).facts}
    assert dates == {"八十八年六月三十日": "1999-06-30", "九十二年一月": "2003-01"}
    dates = {f.text: f.value for f in pipe.extract(text, ref_date="2024-05-01").facts}
    assert dates == {"六月三十日": "2024-06-30", "一月": "2024-01"}


def test_locale_is_always_set(pipe):
    assert pipe.extract("今年新建学校3所。").meta["locale"] == "zh-CN"
    assert pipe.extract("").meta["locale"] == "zh-CN"


# -- speed without change: count and money search only next to their triggers -----------------
# Runs that stress where a candidate starts: spaces, signs, qualifiers and prefixes before the
# number, numerals glued to words, lists and ranges, lines and sentences cut in the middle.
ADVERSARIAL = [
    "约 3 万元至5万元，人民币 8千元，￥ 300，US$5，  300元，共 1 000 000元、2 000元和3,000.5万元。",
    "投资3.5亿、2亿和1.2万亿元；资金 12 120 150 万元\n其中5、6、7亿元，近万元，上千万元，数百亿。",
    "两个多小时，三个多月，3.5千米，1200万千瓦时，5余人，十多万人次，千把人，百多个，近千名。",
    "3至5个，3-5万人，第1、2、3名，12、15、20个，项目 58 个、2023 12 个，姓名 1 张三。",
    "1，234，567人，六十二﹒五万元，三块五，两毛五，5k元，2w块，一块五斤重的肉，五块一斤。",
    "零下15℃，-5℃，历时3小时，2小时08分31秒，男子200米，考了612分，“四个全面”，《三国》两本。",
    "统一个，十三大，千家万户，三番五次，二次分红，一场活动，一枚金牌，每一位，五个三毫，5$x。",
    "1" * 300 + "个，" + "一" * 200 + "元，" + " " * 100 + "5元，" + "近" + "万" * 50 + "人。",
    "3.5.5.5.5个，.5元，．5亿，1,000,000,000,000,000个，1 2 3 4 5 6 7 8 9人，负3元，-3-4-5元。",
    "收入：1,234元，支出:2，345万元，合计１，２３４元，其中：3、4、5亿元,价格:三块五，投资,3亿。",
    "约 30 %，负3.9%，5%-10%，百 分 之 二 十，千分之五，0.8 个 百 分 点，三成半，半成，约七 成六。",
    "百分百，近百分之九十，提高两个百分点，9.5成，一成不变，三五成群，5 0 %，3 个百分点，部分。",
    "达 9.5   成，上升 0.85  个   百  分  点，百 万  分  之 五，约 12.5   %，增长 一 百 二 十 倍。",
]


@pytest.fixture(scope="module")
def texts(pipe):
    """The clean bodies of the dev corpus, the rule examples of count and money, and the
    adversarial runs (each also cut at every sentence end and line break)."""
    from pipeline.rules import load_rules
    texts = [pipe.extract(p.read_text("utf-8"), ref_date=REF_DATE).text
             for p in sorted((ROOT / "corpus" / "dev" / "articles").glob("*.txt"))]
    for name in ("count", "money", "percent"):
        for rule in load_rules().file(name).rules:
            for ex in (rule.get("examples") or []) + (rule.get("counterexamples") or []):
                texts.append(ex if isinstance(ex, str) else ex["text"])
    for t in ADVERSARIAL:
        texts += [t, *t.split("。"), *t.split("，"), *t.split("\n")]
    texts.append("".join(ADVERSARIAL))
    return texts


def test_count_searches_next_to_its_triggers_only_and_finds_every_candidate(pipe, texts):
    from pipeline.find.count import CountFinder
    f = CountFinder(pipe.rules)
    checked = 0
    for t in texts:
        full = [m.span() for m in f.cand.finditer(t)]
        assert [m.span() for m in f.matches(t)] == full, t
        checked += len(full)
    assert checked > 2000


def test_money_count_and_percent_find_what_a_full_scan_finds(pipe, texts):
    """money reads only the sentences holding a money word or a magnitude, and all three search
    only next to their triggers (percent: its marks): the facts (and money's warnings) equal
    those of the full scan."""
    from pipeline.context import Context
    from pipeline.find import build_finders
    finders = build_finders(pipe.rules)
    found = 0
    for t in texts:
        ctx = Context(text=t, ref_date=REF_DATE, meta={"locale": "zh-CN"})
        for name, find in finders:
            if name not in ("money", "count", "percent"):
                ctx.facts.extend(find(ctx))
                continue
            slow_ctx = Context(text=t, ref_date=REF_DATE, meta=ctx.meta, facts=list(ctx.facts),
                               warnings=list(ctx.warnings))
            slow = (find.find if name == "count" else find)(slow_ctx, full_scan=True)
            fast = (find.find if name == "count" else find)(ctx)
            assert [f.to_dict() for f in fast] == [f.to_dict() for f in slow], (name, t)
            assert ctx.warnings == slow_ctx.warnings, t
            ctx.facts.extend(fast)
            found += len(fast)
    assert found > 1200


def test_the_scan_branch_by_branch_finds_what_its_one_pattern_finds(pipe, texts):
    """pipeline/scan.py finds its candidates branch by branch (each where its first characters
    stand); the matches, and the branch each comes from, are those of the one pattern."""
    from pipeline.scan import scanner
    sc = scanner(pipe.rules)
    extra = ["百分之五十，百 分 之 二十，三个百分点，半成，百分百；今天、去年、十一国庆、一季度、"
             "三八红旗手、全国劳动模范称号；人民币 300元、US$ 5、￥五十。",
             "%" * 50 + "百" * 60 + "分"]
    checked = 0
    for t in texts + extra:
        full = [(m.span(), m.lastgroup) for m in sc.pattern.finditer(t)]
        assert [(m.span(), m.lastgroup) for m in sc.matches(t)] == full, t
        checked += len(full)
    assert checked > 4000
