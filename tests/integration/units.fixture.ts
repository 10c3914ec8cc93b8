/** A small three-level tree used by several integration suites. */
export const TREE_CSV = `code,name,type,parent_code,lat,lon
46,Tỉnh Thử Nghiệm,province,,16.46,107.59
460,Huyện Một,district,46,,
461,Huyện Hai,district,46,,
46001,Xã An,commune,460,16.4,107.5
46002,Xã Bình,commune,460,16.41,107.51
46003,Phường Cát,ward,460,16.42,107.52
46101,Xã Dương,commune,461,16.5,107.6
46102,Xã Em,commune,461,16.51,107.61
46103,Thị trấn Phong,township,461,16.52,107.62
47,Tỉnh Bên Cạnh,province,,15.0,108.0
47001,Xã Khác,commune,47,,
`;

export const LEAVES = ['46001', '46002', '46003', '46101', '46102', '46103'];

export function received(
	id: string,
	unit: string,
	dossier: string,
	at: string,
	extra: Record<string, unknown> = {}
) {
	return {
		id,
		type: 'dossier.received',
		at,
		unit,
		dossier,
		procedure: 'P-KS',
		procedureName: 'Đăng ký khai sinh',
		field: 'HT',
		fieldName: 'Hộ tịch',
		channel: 'online',
		dueAt: '2024-05-10T17:00:00+07:00',
		...extra
	};
}
