import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/lib/domain/figures/summary.ts';
import { narrative, viPct } from '../../src/lib/domain/report/narrative.ts';

type Parts = {
	from?: string;
	to?: string;
	online?: number;
	direct?: number;
	postal?: number;
	carried?: number;
	early?: number;
	onTime?: number;
	overdue?: number;
	pending?: number;
	pendingOverdue?: number;
	withdrawn?: number;
	rejected?: number;
	apologies?: number;
	intake?: number;
	result?: number;
	very?: number;
	sat?: number;
	unsat?: number;
	fbIn?: number;
	fbOut?: number;
};

/** A §4 summary from a few numbers (totals and rates derived as the server does). */
function summaryOf(p: Parts): Summary {
	const n = (x?: number) => x ?? 0;
	const nw = n(p.online) + n(p.direct) + n(p.postal);
	const res = n(p.early) + n(p.onTime) + n(p.overdue);
	const ratings = n(p.very) + n(p.sat) + n(p.unsat);
	const rate = (a: number, b: number) => (b > 0 ? a / b : null);
	return {
		unit: 'X',
		from: p.from ?? '2022-01-01',
		to: p.to ?? '2022-12-31',
		received: {
			total: nw + n(p.carried),
			new: nw,
			carriedOver: n(p.carried),
			direct: n(p.direct),
			online: n(p.online),
			postal: n(p.postal),
			onlineFull: 0
		},
		resolved: { total: res, early: n(p.early), onTime: n(p.onTime), overdue: n(p.overdue) },
		pending: {
			total: n(p.pending),
			withinDeadline: n(p.pending) - n(p.pendingOverdue),
			overdue: n(p.pendingOverdue)
		},
		withdrawn: n(p.withdrawn),
		rejected: n(p.rejected),
		apologies: n(p.apologies),
		digitized: { intake: n(p.intake), result: n(p.result) },
		ratings: {
			total: ratings,
			verySatisfied: n(p.very),
			satisfied: n(p.sat),
			unsatisfied: n(p.unsat)
		},
		feedback: { received: n(p.fbIn), resolved: n(p.fbOut) },
		rates: {
			onTime: rate(n(p.early) + n(p.onTime), res),
			online: rate(n(p.online), nw),
			digitizedIntake: rate(n(p.intake), nw),
			digitizedResult: rate(n(p.result), res),
			satisfaction: rate(n(p.very) + n(p.sat), ratings)
		}
	};
}

describe('narrative (vi-VN, in the style of the reference reports)', () => {
	it('Vĩnh Hòa 2022 (docs/domain.md#vinh-hoa): 1.421 received, 305 online (21,5%), none late', () => {
		const text = narrative({
			summary: summaryOf({ online: 305, direct: 1116, early: 1000, onTime: 421 })
		});
		expect(text).toContain('Kỳ số liệu từ ngày 01/01/2022 đến ngày 31/12/2022.');
		expect(text).toContain(
			'Tổng số hồ sơ tiếp nhận: 1.421 hồ sơ, trong đó trực tuyến 305 hồ sơ (chiếm 21,5%), trực tiếp 1.116 hồ sơ'
		);
		expect(text).toContain('không có hồ sơ kỳ trước chuyển qua');
		expect(text).toContain(
			'Đã giải quyết 1.421 hồ sơ (trước hạn 1.000 hồ sơ, đúng hạn 421 hồ sơ), không có hồ sơ giải quyết quá hạn'
		);
		expect(text).toContain('tỷ lệ giải quyết đúng hạn 100,0%');
		expect(text).toContain('Không có hồ sơ đang giải quyết, tồn đọng.');
		expect(text).not.toMatch(/\b0 hồ sơ/);
	});

	it('Vĩnh Hòa Q1/2023: 318 received, 129 online (40,6%)', () => {
		const text = narrative({
			summary: summaryOf({
				from: '2023-01-01',
				to: '2023-03-31',
				online: 129,
				direct: 189,
				early: 318
			})
		});
		expect(text).toContain(
			'Tổng số hồ sơ tiếp nhận: 318 hồ sơ, trong đó trực tuyến 129 hồ sơ (chiếm 40,6%), trực tiếp 189 hồ sơ'
		);
	});

	it('Phú Sơn Q3/2022 (docs/domain.md#phu-son): early 316, on time 70, overdue 3, on-time 99,2%; ratings 81,6% / 18,4%', () => {
		const s = summaryOf({
			from: '2022-07-01',
			to: '2022-09-30',
			online: 131,
			direct: 258,
			early: 316,
			onTime: 70,
			overdue: 3,
			very: 31,
			sat: 7
		});
		const text = narrative({ summary: s, flags: { phantomOverdue: 3, noApology: 3 } });
		expect(text).toContain(
			'Tổng số hồ sơ tiếp nhận: 389 hồ sơ, trong đó trực tuyến 131 hồ sơ (chiếm 33,7%), trực tiếp 258 hồ sơ'
		);
		expect(text).toContain(
			'Đã giải quyết 389 hồ sơ (trước hạn 316 hồ sơ, đúng hạn 70 hồ sơ, quá hạn 3 hồ sơ); tỷ lệ giải quyết đúng hạn 99,2%.'
		);
		expect(text).toContain(
			'rất hài lòng 31 lượt (chiếm 81,6%), hài lòng 7 lượt (chiếm 18,4%); không có lượt đánh giá không hài lòng'
		);
		expect(text).toContain('Không có văn bản xin lỗi công dân đối với hồ sơ chậm, quá hạn');
		expect(text).toContain(
			'3 hồ sơ quá hạn trên phần mềm nhưng kết quả đã được trả cho công dân trước hoặc đúng hạn'
		);
		expect(text).toContain('3 hồ sơ giải quyết quá hạn chưa có phiếu xin lỗi');
	});

	it('Thanh Lò 12/12/2022–12/12/2023 (docs/domain.md#thanh-lo): 2.509 received, 1.810 online (72,1%), postal listed, 2 overdue', () => {
		const s = summaryOf({
			from: '2022-12-12',
			to: '2023-12-12',
			online: 1810,
			direct: 690,
			postal: 9,
			early: 2400,
			onTime: 107,
			overdue: 2,
			apologies: 2
		});
		const text = narrative({ summary: s });
		expect(text).toContain('Kỳ số liệu từ ngày 12/12/2022 đến ngày 12/12/2023.');
		expect(text).toContain(
			'Tổng số hồ sơ tiếp nhận: 2.509 hồ sơ, trong đó trực tuyến 1.810 hồ sơ (chiếm 72,1%), trực tiếp 690 hồ sơ, qua dịch vụ bưu chính công ích 9 hồ sơ'
		);
		expect(text).toContain('quá hạn 2 hồ sơ); tỷ lệ giải quyết đúng hạn 99,9%');
		expect(text).toContain('Số văn bản xin lỗi công dân đối với hồ sơ chậm, quá hạn: 2.');
	});

	it('carried-over dossiers, pending split, withdrawals, digitisation and feedback', () => {
		const s = summaryOf({
			online: 10,
			direct: 30,
			carried: 5,
			early: 20,
			overdue: 1,
			pending: 12,
			pendingOverdue: 2,
			withdrawn: 3,
			rejected: 1,
			intake: 20,
			result: 7,
			fbIn: 2,
			fbOut: 1,
			unsat: 1
		});
		const text = narrative({ summary: s });
		expect(text).toContain(
			'Tổng số hồ sơ tiếp nhận: 45 hồ sơ, gồm 40 hồ sơ tiếp nhận mới trong kỳ và 5 hồ sơ kỳ trước chuyển qua; trong số hồ sơ tiếp nhận mới, trực tuyến 10 hồ sơ (chiếm 25,0%), trực tiếp 30 hồ sơ.'
		);
		expect(text).toContain(
			'Đang giải quyết 12 hồ sơ (trong hạn 10 hồ sơ, quá hạn 2 hồ sơ); số hồ sơ công dân rút: 3; số hồ sơ từ chối, trả lại: 1.'
		);
		expect(text).toContain(
			'Số hóa thành phần hồ sơ 20/40 hồ sơ tiếp nhận mới (đạt 50,0%); số hóa kết quả 7/21 hồ sơ đã giải quyết (đạt 33,3%).'
		);
		expect(text).toContain('Tiếp nhận 2 phản ánh, kiến nghị; đã xử lý 1.');
		expect(text).toContain(
			'Đánh giá mức độ hài lòng: 1 lượt, trong đó không hài lòng 1 lượt (chiếm 100,0%).'
		);
	});

	it('zeros are said in words', () => {
		const text = narrative({ summary: summaryOf({}) });
		expect(text).toContain(
			'Trong kỳ không tiếp nhận hồ sơ nào và không có hồ sơ kỳ trước chuyển qua.'
		);
		expect(text).toContain('Trong kỳ chưa có hồ sơ nào được giải quyết.');
		expect(text).toContain('Chưa có lượt đánh giá mức độ hài lòng.');
		expect(text).toContain('Không có phản ánh, kiến nghị của cá nhân, tổ chức.');
		expect(text).not.toContain('Số hóa');
		expect(text).not.toContain('NaN');
		expect(text).not.toMatch(/\b0 (hồ sơ|lượt)/);
	});

	it('only carried-over dossiers and all pending overdue', () => {
		const text = narrative({ summary: summaryOf({ carried: 4, pending: 4, pendingOverdue: 4 }) });
		expect(text).toContain(
			'Tổng số hồ sơ tiếp nhận: 4 hồ sơ, đều là hồ sơ kỳ trước chuyển qua; trong kỳ không tiếp nhận hồ sơ mới.'
		);
		expect(text).toContain('Đang giải quyết 4 hồ sơ, đều đã quá hạn.');
	});

	it('formats percentages vi-VN with one decimal', () => {
		expect(viPct(305 / 1421)).toBe('21,5%');
		expect(viPct(1810 / 2509)).toBe('72,1%');
	});
});
