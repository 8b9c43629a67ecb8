import { schedules } from './hsds-objects';

describe('HSDS schedules', () => {
  const hours = [
    { day: 3, opens: '09:00', closes: '12:30' },
    { day: 1, opens: '09:00', closes: '12:30' },
    { day: 3, opens: '14:00', closes: '17:30' },
    { day: 5, opens: '09:00', closes: '12:30' },
  ];

  it('writes one weekly rule per interval shared by several days, Monday first', () => {
    const winter = schedules(hours, { location_id: 'x' }, new Date('2026-12-07T10:00:00Z'));
    expect(
      winter.map(({ byday, opens_at, closes_at, freq }) => ({ byday, opens_at, closes_at, freq })),
    ).toEqual([
      { byday: 'MO,WE,FR', opens_at: '09:00+01:00', closes_at: '12:30+01:00', freq: 'WEEKLY' },
      { byday: 'WE', opens_at: '14:00+01:00', closes_at: '17:30+01:00', freq: 'WEEKLY' },
    ]);
    expect(winter[0]).toMatchObject({ location_id: 'x', timezone: 1, interval: 1, wkst: 'MO' });
    expect(winter[0].description).toBe('lunedì, mercoledì, venerdì: 09:00–12:30 (ora italiana)');
  });

  it('writes local times with the offset Rome has at the time of the export', () => {
    const summer = schedules(hours, { service_id: 's' }, new Date('2026-07-01T10:00:00Z'));
    expect(summer[0]).toMatchObject({ service_id: 's', opens_at: '09:00+02:00', timezone: 2 });
  });

  it('gives each rule a stable id of its owner and times, and none for no hours', () => {
    const a = schedules(hours, { location_id: 'x' });
    expect(schedules(hours, { location_id: 'x' }).map((s) => s.id)).toEqual(a.map((s) => s.id));
    expect(schedules(hours, { location_id: 'y' })[0].id).not.toBe(a[0].id);
    expect(schedules([], { location_id: 'x' })).toEqual([]);
  });
});
