/**
 * The national portal's codes (DVCQG, Decision 31/2021/QĐ-TTg sync calls) and
 * what each means for our events (docs/dvcqg.md). One table, with its sources:
 *
 * - TrangThaiHoSo names: HuanVu201/DichVuCong_KhoaLuan_PASETO, seeded in
 *   `Infrastructure/Persistence/Initialization/ApplicationDbSeeder.cs` (the
 *   same names in `KetNoi/LLTP/LLTPService.cs`); OpenCPS
 *   (VietOpenCPS/opencps-v2, `DVCQGIntegrationActionImpl.getMappingStatus`)
 *   has no fixed table but maps each site's statuses onto these codes, and the
 *   C# helper `FormatTrangThaiHoSoDVCQG.cs` links OpenCPS's names to them
 *   (receiving→1, new→2, denied→3, processing→4, waiting→5, paying→6,
 *   cancelled→7, unresolved→8, releasing→9, done→10).
 * - Where they disagree: the C# client sends 5, 6 and 8 as 9 in DongBoHoSo;
 *   OpenCPS sends whatever the site mapped. We read every code as the table
 *   says; a 9 must then carry NgayKetThucXuLy (a 5 sent as 9 without it is
 *   refused, not silently counted as resolved).
 * - KenhThucHien (C# only, `TiepNhanHoSoTrucTuyenConstants.cs`): 1 trực tiếp,
 *   2 trực tuyến, 3 bưu chính (BCCI). OpenCPS does not send it: absent means
 *   direct, as docs/dvcqg.md says.
 */
import type { Channel } from '../events/schema.ts';

/** What a status code turns into: the kinds of §3 events it gives. */
export type StatusEffect =
	'none' | 'supplement' | 'withdrawn' | 'rejected' | 'resolved' | 'returned';

export type PortalStatus = { code: string; name: string; effect: StatusEffect };

export const PORTAL_STATUSES: readonly PortalStatus[] = [
	{ code: '1', name: 'Mới đăng ký', effect: 'none' },
	{ code: '2', name: 'Được tiếp nhận', effect: 'none' },
	{ code: '3', name: 'Không được tiếp nhận', effect: 'rejected' },
	{ code: '4', name: 'Đang xử lý', effect: 'none' },
	{ code: '5', name: 'Yêu cầu bổ sung giấy tờ', effect: 'supplement' },
	{ code: '6', name: 'Yêu cầu thực hiện nghĩa vụ tài chính', effect: 'none' },
	{ code: '7', name: 'Công dân yêu cầu rút hồ sơ', effect: 'withdrawn' },
	{ code: '8', name: 'Dừng xử lý', effect: 'rejected' },
	{ code: '9', name: 'Đã xử lý xong', effect: 'resolved' },
	{ code: '10', name: 'Đã trả kết quả', effect: 'returned' }
];

const BY_CODE = new Map(PORTAL_STATUSES.map((s) => [s.code, s]));

export function portalStatus(code: string): PortalStatus | undefined {
	return BY_CODE.get(code);
}

export const PORTAL_CHANNELS: Readonly<Record<string, Channel>> = {
	'1': 'direct',
	'2': 'online',
	'3': 'postal'
};
