import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CnapLocation } from '@bu/shared';
import { useCnapLocations } from '../api/queries';
import { useAuth } from '../auth/AuthProvider';
import { SelectField } from '../components/Field';

const KEY = 'bu.cnap.location';

function stored(): number | null {
  try {
    const v = Number(localStorage.getItem(KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/**
 * The operator's own locations (those an admin attached to the account), one of them chosen once and
 * remembered on this device: an operator works at one desk all day.
 */
export function useOperatorLocation() {
  const { user } = useAuth();
  const all = useCnapLocations(!!user);
  const mine: CnapLocation[] = (all.data ?? []).filter((l) => user?.cnapLocationIds.includes(l.id));
  const [chosen, setChosen] = useState<number | null>(stored);
  const current = mine.find((l) => l.id === chosen) ?? (mine.length === 1 ? mine[0] : undefined);

  useEffect(() => {
    if (!current) return;
    try {
      localStorage.setItem(KEY, String(current.id));
    } catch {
      // Chosen again next time.
    }
  }, [current]);

  return { locations: mine, query: all, current, choose: setChosen };
}

export function LocationPicker({ state }: { state: ReturnType<typeof useOperatorLocation> }) {
  const { t } = useTranslation();
  const { locations, current, choose } = state;
  if (locations.length === 0) return <p className="alert alert-error">{t('cnap.noLocations')}</p>;
  return (
    <SelectField
      label={t('cnap.location')}
      hint={t('cnap.locationHint')}
      value={current ? String(current.id) : ''}
      onChange={(e) => choose(Number(e.target.value) || null)}
      required
    >
      {!current && <option value="">{t('cnap.chooseLocation')}</option>}
      {locations.map((l) => (
        <option key={l.id} value={l.id}>
          {l.name} — {l.address}
        </option>
      ))}
    </SelectField>
  );
}
