/**
 * A small catalogue of commune-level procedures (TTHC) and their fields (lĩnh
 * vực) for the demo. Codes follow the national database's "x.xxxxxx" style
 * but are illustrative. `days` is the processing time in working days;
 * `sendDays` procedures are sent with `processingDays` (the server computes
 * dueAt), the others with an explicit `dueAt`. `weight` is the share of
 * dossiers in an ordinary commune; `ward` multiplies it in wards.
 */

export type DemoField = { code: string; name: string };
export type DemoProcedure = {
	code: string;
	name: string;
	field: DemoField;
	days: number;
	sendDays: boolean;
	/** May be filed full-process online (toàn trình); otherwise online is partial. */
	full: boolean;
	weight: number;
	ward: number;
};

export const FIELDS = {
	hoTich: { code: 'HT', name: 'Hộ tịch' },
	chungThuc: { code: 'CT', name: 'Chứng thực' },
	datDai: { code: 'DD', name: 'Đất đai' },
	baoTro: { code: 'BTXH', name: 'Bảo trợ xã hội' },
	coCong: { code: 'NCC', name: 'Người có công' },
	kinhDoanh: { code: 'HKD', name: 'Thành lập và hoạt động của hộ kinh doanh' },
	xayDung: { code: 'XD', name: 'Hoạt động xây dựng' }
} as const satisfies Record<string, DemoField>;

const F = FIELDS;
const p = (
	code: string,
	name: string,
	field: DemoField,
	days: number,
	weight: number,
	extra: Partial<DemoProcedure> = {}
): DemoProcedure => ({
	code,
	name,
	field,
	days,
	weight,
	sendDays: false,
	full: false,
	ward: 1,
	...extra
});

export const PROCEDURES: readonly DemoProcedure[] = [
	p('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', F.chungThuc, 0.5, 26, {
		sendDays: true,
		ward: 1.4
	}),
	p('2.000815.DT', 'Cấp bản sao điện tử được chứng thực từ bản chính', F.chungThuc, 0.5, 7, {
		sendDays: true,
		full: true,
		ward: 1.5
	}),
	p('2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', F.chungThuc, 0.5, 8, {
		sendDays: true,
		ward: 1.3
	}),
	p(
		'2.001035',
		'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
		F.chungThuc,
		2,
		4
	),
	p('1.001193', 'Đăng ký khai sinh', F.hoTich, 1, 9, { full: true }),
	p('1.000656', 'Đăng ký khai tử', F.hoTich, 1, 3, { full: true }),
	p('1.000894', 'Đăng ký kết hôn', F.hoTich, 1, 3, { full: true, sendDays: true }),
	p('1.004873', 'Cấp Giấy xác nhận tình trạng hôn nhân', F.hoTich, 3, 7, { full: true }),
	p('2.000635', 'Cấp bản sao Trích lục hộ tịch', F.hoTich, 1, 5, { full: true, sendDays: true }),
	p('1.004859', 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', F.hoTich, 3, 2),
	p(
		'1.010801',
		'Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
		F.hoTich,
		5,
		3,
		{ full: true }
	),
	p(
		'1.012790',
		'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
		F.datDai,
		10,
		3,
		{ ward: 0.6 }
	),
	p('1.012791', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', F.datDai, 20, 1.2, { ward: 0.4 }),
	p('2.000381', 'Hòa giải tranh chấp đất đai', F.datDai, 30, 0.4, { ward: 0.5 }),
	p('1.001776', 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng', F.baoTro, 10, 1.6, {
		ward: 0.6
	}),
	p('1.001758', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', F.baoTro, 5, 0.5),
	p('1.002519', 'Giải quyết chế độ trợ cấp một lần đối với người có công', F.coCong, 10, 0.4),
	p('2.000720', 'Đăng ký thành lập hộ kinh doanh', F.kinhDoanh, 3, 2, { full: true, ward: 2 }),
	p('1.009994', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', F.xayDung, 15, 1, { ward: 1.5 })
];

export const SUPPLEMENT_REASONS = [
	'Thiếu bản sao giấy tờ tùy thân',
	'Tờ khai chưa ghi đủ thông tin',
	'Thiếu giấy tờ chứng minh nơi cư trú',
	'Bản chụp hồ sơ trực tuyến không rõ nét',
	'Thiếu văn bản ủy quyền'
] as const;

export const REJECT_REASONS = [
	'Hồ sơ không thuộc thẩm quyền giải quyết',
	'Không đủ điều kiện theo quy định',
	'Người nộp không bổ sung hồ sơ theo yêu cầu'
] as const;

/** Weights of PROCEDURES for a unit type. */
export function procedureWeights(type: string): number[] {
	return PROCEDURES.map((pr) => pr.weight * (type === 'ward' ? pr.ward : 1));
}
