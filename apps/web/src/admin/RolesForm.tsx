import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { setRolesBodySchema, STAFF_ROLES, type User } from '@bu/shared';
import { api } from '../api';
import { useCnapLocations } from '../api/queries';
import { useAuth } from '../auth/AuthProvider';
import { CheckboxField, FormStatus } from '../components/Field';
import { LoadError, Loading } from '../components/States';
import { useFormErrors } from '../lib/useFormErrors';

type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The staff roles of one account and, for an operator, the ЦНАП locations they work at. Locations
 * count only with the operator role (API rule), so they are offered only while it is ticked and
 * cleared by the server when it is not.
 */
export function RolesForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useAuth().user;
  const locations = useCnapLocations();
  const errors = useFormErrors();
  const [roles, setRoles] = useState<StaffRole[]>(() => STAFF_ROLES.filter((r) => user.roles.includes(r)));
  const [locationIds, setLocationIds] = useState<number[]>(user.cnapLocationIds);
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const isOperator = roles.includes('operator');
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSuccess(null);
    // The server refuses this too (400 on body.roles); said first, in the person's language.
    if (user.id === me?.id && !roles.includes('admin'))
      return errors.summarise({ roles: t('staff.selfAdmin') });
    const parsed = setRolesBodySchema.safeParse({
      roles,
      ...(isOperator ? { cnapLocationIds: locationIds } : {}),
    });
    if (!parsed.success) return errors.fromZod(parsed.error);
    errors.clear();
    setBusy(true);
    try {
      const { user: saved } = await api.setRoles(user.id, parsed.data);
      setSuccess(t('staff.saved', { name: saved.fullName }));
      // The list shows the new roles; one's own header links follow one's own roles.
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      if (saved.id === me?.id) await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      id={`roles-form-${user.id}`}
      className="form roles-form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby={`roles-form-${user.id}-title`}
    >
      <h3 id={`roles-form-${user.id}-title`} ref={heading} tabIndex={-1}>
        {t('staff.rolesOf', { name: user.fullName })}
      </h3>
      <FormStatus error={errors.formError} success={success} />
      <CheckGroup legend={t('staff.roles')} error={errors.fields.roles}>
        {STAFF_ROLES.map((r) => (
          <CheckboxField
            key={r}
            label={t(`role.${r}`)}
            hint={t(`roleHint.${r}`)}
            checked={roles.includes(r)}
            onChange={(e) => {
              const on = e.target.checked;
              setRoles((old) => toggle(old, r, on));
            }}
          />
        ))}
      </CheckGroup>
      {locations.isPending ? (
        <Loading />
      ) : locations.isError ? (
        <LoadError error={locations.error} retry={() => void locations.refetch()} />
      ) : locations.data.length === 0 ? (
        <p>
          {t('staff.noLocations')} <Link to="/admin/cnap">{t('staff.addLocation')}</Link>
        </p>
      ) : (
        <CheckGroup
          legend={t('staff.locations')}
          hint={
            isOperator && locationIds.length === 0
              ? t('staff.operatorWithoutLocation')
              : t('staff.locationsHint')
          }
          error={errors.fields.cnapLocationIds}
          disabled={!isOperator}
        >
          {locations.data.map((l) => (
            <CheckboxField
              key={l.id}
              label={`${l.name} — ${l.address}`}
              checked={isOperator && locationIds.includes(l.id)}
              onChange={(e) => {
                const on = e.target.checked;
                setLocationIds((old) => toggle(old, l.id, on));
              }}
            />
          ))}
        </CheckGroup>
      )}
      <div className="inline-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.sending') : t('staff.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('staff.close')}
        </button>
      </div>
    </form>
  );
}

/** A fieldset of checkboxes whose hint and error are read with the group (aria-describedby). */
function CheckGroup({
  legend,
  hint,
  error,
  disabled,
  children,
}: {
  legend: string;
  hint?: string;
  error?: string | undefined;
  disabled?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={'check-group' + (error ? ' has-error' : '')}
      disabled={disabled}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
