"""The relevance set: queries an analyst would type over the seeds and the
real HWP files in tests/fixtures/realfiles/hwp, and the evidence that makes a
passage relevant (any of the strings, case-insensitive; ASCII strings must
stand as whole words, a number must not be the tail of a longer one: 2억 달러 is
not 252억 달러; nothing inside a web address counts: www.msit.go.kr does not
name the ministry in prose). Judged by hand against those texts.

The last queries are false-positive traps: no passage says 의대, yet bigrams
assemble it from 회의 대회의실 or 중국의 대규모; 과장 is not "…과 장기간…".
RANKING holds the ranking cases: a passage of a given kind must come within
the first ten.
"""

QUERIES: list[tuple[str, list[str]]] = [
    ("과기정통부", ["과기정통부", "과학기술정보통신부", "MSIT"]),
    ("과기정통부가", ["과기정통부", "과학기술정보통신부", "MSIT"]),
    ("과학기술정보통신부", ["과기정통부", "과학기술정보통신부", "MSIT"]),
    ("중소벤처기업부", ["중소벤처기업부", "중기부"]),
    ("디지털플랫폼정부위원회", ["디지털플랫폼정부위원회", "디플정위"]),
    ("오픈AI", ["오픈AI", "OpenAI"]),
    ("OpenAI", ["오픈AI", "OpenAI"]),
    ("앤트로픽", ["앤트로픽", "Anthropic", "앤스로픽"]),
    ("그록", ["그록", "Grok"]),
    ("엔비디아", ["엔비디아", "NVIDIA", "Nvidia"]),
    ("네이버", ["네이버", "Naver", "NAVER"]),
    ("구글", ["구글", "Google"]),
    ("제미나이", ["제미나이", "제미니", "Gemini"]),
    ("클로드", ["클로드", "Claude"]),
    ("챗GPT", ["챗GPT", "ChatGPT"]),
    ("하이퍼클로바X", ["하이퍼클로바X", "HyperCLOVA X", "하이퍼클로바 X"]),
    ("GPT-4", ["GPT-4"]),
    ("B200", ["B200"]),
    ("인공지능기본법", ["인공지능 기본법", "인공지능기본법", "AI 기본법", "AI기본법",
                   "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"]),
    ('"AI 기본법"', ["인공지능 기본법", "인공지능기본법", "AI 기본법", "AI기본법",
                  "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"]),
    ("AI 안전연구소", ["AI 안전연구소", "AI안전연구소", "AI Safety Institute", "인공지능안전연구소"]),
    ("2억 달러", ["2억 달러", "2억달러"]),
    ("110억원", ["110억원", "110억 원"]),
    ("행정명령", ["행정명령"]),
    ("개인정보 보호", ["개인정보 보호", "개인정보보호"]),
    ("데이터센터", ["데이터센터", "데이터 센터"]),
    ("초거대 AI", ["초거대 AI", "초거대AI"]),
    ("파운데이션 모델", ["파운데이션 모델", "파운데이션모델"]),
    ("소버린 AI", ["소버린 AI", "소버린AI"]),
    ("오픈소스", ["오픈소스", "오픈 소스"]),
    ("반도체", ["반도체"]),
    ("딥페이크", ["딥페이크"]),
    ("싱가포르", ["싱가포르", "Singapore"]),
    ("국방부", ["국방부"]),
    ("연방조달청", ["연방조달청", "GSA", "General Services Administration"]),
    ("허깅페이스", ["허깅페이스", "Hugging Face"]),
    ("에이전트", ["에이전트"]),
    ("저작권", ["저작권"]),
    ("해외직접투자", ["해외직접투자", "해외 직접투자", "해외 직접 투자"]),
    ("케이맨제도", ["케이맨제도", "케이맨 제도", "케이맨 제 도"]),
    ("MSIT", ["과기정통부", "과학기술정보통신부", "MSIT", "과기부", "Ministry of Science and ICT"]),
    ("과장", ["과장", "\t과 장\t"]),  # a contact table spaces the title out: 책임자 | 과 장 | 강병중
    ("의대", ["의대"]),
]

# (query, a top-ten passage must hold one of these, and none of these, what that shows)
RANKING: list[tuple[str, list[str], list[str], str]] = [
    ("앤트로픽", ["Anthropic"], ["앤트로픽", "앤스로픽"], "a passage naming it only in English"),
    ("엔비디아", ["NVIDIA", "Nvidia"], ["엔비디아"], "a passage naming it only in English"),
    ("OpenAI", ["오픈AI"], ["OpenAI"], "a passage naming it only in Korean"),
    ("인공지능 기본법", ["인공지능 기본법", "인공지능기본법"], [], "the words side by side, in order"),
    ("AI 반도체", ["AI 반도체"], [], "the words side by side, in order"),
]
