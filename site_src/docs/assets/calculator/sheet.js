// The printable 申领测算单: everything an enterprise needs on paper, from the engine's own strings.
// Shown only by the print stylesheet; built again whenever the result or the enterprise fields change.
import { el, refusalParts } from "./dom.js";

const dash = "—";

function historyLines(history) {
  if (!history || !history.answered) return { earlier: "未回答（按从未领取测算）", granted: "未回答（按从未领取测算）" };
  const earlier = history.claimed_before.map((p) => `${p.product}. ${p.name}`).join("、") || "无";
  const granted = history.granted_this_round.length
    ? `${history.granted_this_round.map((p) => `${p.product}. ${p.name} ${p.amount_text}`).join("、")}（合计 ${history.granted_total_text}）`
    : "无";
  return { earlier, granted };
}

function devicesNeeded(item) {
  if (item.refusal || item.refused || !item.per_device) return dash;
  const parts = [];
  if (item.devices_required !== null && item.devices_required !== undefined) parts.push(`至少 ${item.devices_required} 台`);
  if (item.per_device_text) parts.push(`每台补贴 ${item.per_device_text}`);
  return parts.join("；") || dash;
}

function facts(rows) {
  return el("table", { className: "gd-sheet__facts" },
    el("tbody", {}, ...rows.map(([term, value]) => el("tr", {}, el("th", { scope: "row", text: term }), el("td", {}, value)))));
}

export function renderSheet(container, { data, enterprise, date, link, qr }) {
  const { result } = data;
  const history = historyLines(result.history);
  const items = result.items.map((item, index) => {
    const how = item.refusal
      ? refusalParts(item.refusal, { plain: true })
      : [item.limit_label ? el("strong", { text: `${item.limit_label}：` }) : null, item.explanation || ""];
    return el("tr", {},
      el("td", { text: String(index + 1) }),
      el("td", { text: `${item.product}. ${item.name}` }),
      el("td", { className: "gd-num", text: item.contract_text || item.contract }),
      el("td", { className: "gd-num", text: item.subsidy_text || item.subsidy }),
      el("td", {}, ...how),
      el("td", { text: devicesNeeded(item) }));
  });
  const problems = result.problems.length
    ? el("ol", {}, ...result.problems.map((p) => el("li", { text: `${p.message}（依据：${p.reference.clause}）` })))
    : el("p", { text: "无。" });
  const body = [
    el("p", { className: "gd-sheet__meta", text: `测算日期：${date}　产品目录版本：${result.catalogue_version}` }),
    el("h3", { text: "企业情况" }),
    facts([
      // As typed: a 繁体 page converts the sheet's words, never the enterprise's registered name.
      ["企业名称", enterprise.name ? el("span", { "data-gd-verbatim": "" }, enterprise.name) : "（未填写）"],
      ["统一社会信用代码", enterprise.credit_code || "（未填写）"],
      ["所在地级市", `${result.city}（${result.region}）`],
      ["奖补比例", result.ratio_text || result.ratio_percent || result.ratio || dash],
      ["产业集群试点", result.cluster_pilot ? "是" : "否"],
      ["以往批次已领取", history.earlier],
      ["本轮已获发放", history.granted],
    ]),
    el("h3", { text: "测算明细" }),
    el("table", { className: "gd-sheet__items" },
      el("thead", {}, el("tr", {}, ...["序", "产品", "合同金额", "测算金额", "计算过程", "兑现时所需设备"]
        .map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...items)),
    facts([
      ["测算合计", el("strong", { text: result.total_text || result.total })],
      ["单家企业上限", result.enterprise_cap_text || result.enterprise_cap],
      ["上限尚余", result.room_left_text || dash],
    ]),
    (result.assumptions || []).length
      ? el("ul", { className: "gd-sheet__assumptions" }, ...result.assumptions.map((a) => el("li", { text: a }))) : null,
    el("h3", { text: "提示与依据条款" }),
    problems,
    el("h3", { text: "重新打开本测算" }),
    el("div", { className: "gd-sheet__link" },
      el("p", {}, "用浏览器打开以下链接或扫描二维码，可重新打开本测算（企业名称与信用代码不在链接中）：", el("br"),
        el("a", { className: "gd-sheet__url", href: link, text: link })),
      qr),
  ];
  container.replaceChildren(...body.filter(Boolean));
}
