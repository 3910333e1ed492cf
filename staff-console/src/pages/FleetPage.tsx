import type { FleetCity, FleetDevice } from '@madoguchi/shared';
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DeviceStatusMarker } from '../components/DeviceStatusMarker';
import { FleetPushForm } from '../components/FleetPushForm';
import { useConsole } from '../context';
import { countOnline, deviceStatus } from '../devices';
import { countNeedingUpdate, filterByProfile, memoryTexts, profileChoices } from '../fleet';
import { formatDateTime, shortId } from '../format';
import { useI18n } from '../i18n';
import { useFleetTable } from '../useFleetTable';
import { PageTitle } from './PageTitle';
import { LiveStatus } from '../components/LiveStatus';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageLoading } from '../components/TableState';

/** Columns of a row, for the expanded errors line under it. */
const COLUMNS = 11;
const CAPABILITIES = ['camera', 'microphone', 'speech'] as const;

function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * The cable operator's view of the set-top boxes: online or not (live), profile, app version and
 * whether an update is due, capabilities, memory, model, last errors and the pushed
 * configuration; a filter by profile and a form to push a configuration to some boxes.
 */
export function FleetPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { api: homeApi, socket } = useConsole();
  // An operator whom other cities' files name looks after their boxes too: one city at a time.
  const [cities, setCities] = useState<FleetCity[]>([]);
  const [cityId, setCityId] = useState<string | null>(null);
  useEffect(() => {
    homeApi.fleetCities().then(setCities, () => setCities([]));
  }, [homeApi]);
  const home = cities[0]?.id ?? null;
  const other = cityId !== null && cityId !== home;
  const api = useMemo(() => (other && cityId ? homeApi.forCity(cityId) : homeApi), [homeApi, other, cityId]);
  const { table, loadError, reload } = useFleetTable(api, socket, !other);
  const [profile, setProfile] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const shown = filterByProfile(table.devices, profile);
  const choices = profileChoices(table);
  const selectable = shown.filter((device) => !device.revoked);
  // Only boxes still listed and in service can be sent to.
  const selectedIds = selectable.filter((device) => selected.has(device.id)).map((device) => device.id);
  const allSelected = selectable.length > 0 && selectedIds.length === selectable.length;
  const updates = countNeedingUpdate(table.devices);

  const capabilityText = (device: FleetDevice) => {
    const names = CAPABILITIES.filter((name) => device.capabilities[name]);
    return names.length > 0
      ? names.map((name) => t(`staff.fleet.capability.${name}`)).join('・')
      : t('staff.fleet.noCapabilities');
  };
  const memoryText = (device: FleetDevice) => {
    const parts = memoryTexts(device.memory);
    if (parts.length === 0) return t('staff.fleet.memoryUnknown');
    return parts.map((part) => (
      <span key={part.key} class="fleet__line">
        {t(part.key, part.params)}
      </span>
    ));
  };

  return (
    <section class="page fleet" aria-labelledby="page-title">
      <div class="page__head">
        <PageTitle>{t('staff.fleet.title')}</PageTitle>
        <p
          class="page__count"
          aria-live="polite"
          data-testid="fleet-count"
          data-count={table.devices.length}
          data-city={cityId ?? home ?? ''}
        >
          {t('staff.fleet.count', { count: table.devices.length })}
          <span class="page__count-sub">
            {t('staff.fleet.onlineCount', { count: countOnline(table.devices) })}
          </span>
        </p>
        <p
          class={`badge${updates > 0 ? ' badge--warn' : ''}`}
          data-testid="fleet-update-count"
          data-count={updates}
        >
          {t('staff.fleet.updateCount', { count: updates })}
        </p>
        <p
          class="page__count-sub"
          data-testid="fleet-latest-version"
          data-version={table.latestVersion ?? ''}
        >
          {table.latestVersion
            ? t('staff.fleet.latestVersion', { version: table.latestVersion })
            : t('staff.fleet.latestUnknown')}
        </p>
        {other ? (
          <p class="live live--off" role="status" data-testid="fleet-not-live">
            {t('staff.fleet.notLive')}{' '}
            <button type="button" class="button button--small" data-testid="fleet-refresh" onClick={reload}>
              {t('staff.fleet.refresh')}
            </button>
          </p>
        ) : (
          <LiveStatus />
        )}
      </div>
      <p class="panel__lead">{t('staff.fleet.lead')}</p>
      {cities.length > 1 && (
        <div class="field fleet__filter">
          <label for="fleet-city" class="field__label">
            {t('staff.fleet.city')}
          </label>
          <select
            id="fleet-city"
            class="field__input"
            value={cityId ?? home ?? ''}
            data-testid="fleet-city"
            aria-describedby="fleet-city-hint"
            onChange={(event) => {
              setCityId(event.currentTarget.value);
              setSelected(new Set());
              setExpanded(new Set());
              setProfile('');
            }}
          >
            {cities.map((city) => (
              <option key={city.id} value={city.id}>
                {city.displayName[i18n.language]}
              </option>
            ))}
          </select>
          <p id="fleet-city-hint" class="field__hint">
            {t('staff.fleet.cityHint')}
          </p>
        </div>
      )}

      {loadError && <ErrorMessage error={loadError} testId="fleet-error" onRetry={reload} />}

      <div class="field fleet__filter">
        <label for="fleet-filter-profile" class="field__label">
          {t('staff.fleet.filterProfile')}
        </label>
        <select
          id="fleet-filter-profile"
          class="field__input"
          value={profile}
          data-testid="fleet-filter-profile"
          onChange={(event) => setProfile(event.currentTarget.value)}
        >
          <option value="">{t('staff.fleet.allProfiles')}</option>
          {choices.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>

      {table.loading ? (
        <PageLoading />
      ) : shown.length === 0 ? (
        <p class="page__empty" data-testid="fleet-empty">
          {t('staff.fleet.empty')}
        </p>
      ) : (
        <DataTable
          caption={t('staff.fleet.title')}
          columns={[
            <input
              type="checkbox"
              aria-label={t('staff.fleet.selectAll')}
              checked={allSelected}
              data-testid="fleet-select-all"
              onChange={() =>
                setSelected(allSelected ? new Set() : new Set(selectable.map((device) => device.id)))
              }
            />,
            t('staff.fleet.id'),
            t('staff.fleet.status'),
            t('staff.fleet.profile'),
            t('staff.fleet.appVersion'),
            t('staff.fleet.capabilities'),
            t('staff.fleet.memory'),
            t('staff.fleet.model'),
            t('staff.fleet.errors'),
            t('staff.fleet.lastSeen'),
            t('staff.fleet.config'),
          ]}
          class="fleet__table"
          testId="fleet-table"
        >
          {shown.map((device) => {
            const status = deviceStatus(device);
            const open = expanded.has(device.id);
            return (
              <Fragment key={device.id}>
                <tr
                  class={`row row--${status}`}
                  data-testid="fleet-row"
                  data-device-id={device.id}
                  data-online={String(status === 'online')}
                  data-status={status}
                  data-profile={device.profile}
                  data-version={device.appVersion}
                  data-update-available={String(device.updateAvailable)}
                  data-config-version={device.config?.version ?? ''}
                  data-config-state={device.config?.state ?? 'none'}
                >
                  <td>
                    {!device.revoked && (
                      <input
                        type="checkbox"
                        aria-label={t('staff.fleet.selectRow', { id: shortId(device.id) })}
                        checked={selected.has(device.id)}
                        data-testid="fleet-select"
                        onChange={() => setSelected(toggled(selected, device.id))}
                      />
                    )}
                  </td>
                  <th scope="row" class="cell-id">
                    <code title={device.id}>{shortId(device.id)}</code>
                  </th>
                  <td>
                    <DeviceStatusMarker status={status} />
                  </td>
                  <td>{device.profile}</td>
                  <td class="fleet__nowrap">
                    {device.appVersion}
                    {device.updateAvailable && (
                      <span class="tag tag--warn" data-testid="fleet-update">
                        {t('staff.fleet.updateAvailable')}
                      </span>
                    )}
                  </td>
                  <td>{capabilityText(device)}</td>
                  <td class="fleet__nowrap">{memoryText(device)}</td>
                  <td class="cell-model" title={device.model}>
                    {device.model}
                  </td>
                  <td>
                    {device.errors.length === 0 ? (
                      t('staff.fleet.noErrors')
                    ) : (
                      <button
                        type="button"
                        class="button button--small"
                        aria-expanded={open}
                        aria-controls={`fleet-errors-${device.id}`}
                        data-testid="fleet-errors-toggle"
                        data-count={device.errors.length}
                        onClick={() => setExpanded(toggled(expanded, device.id))}
                      >
                        {open
                          ? t('staff.fleet.hideErrors')
                          : t('staff.fleet.showErrors', { count: device.errors.length })}
                      </button>
                    )}
                  </td>
                  <td>
                    <time dateTime={device.lastSeenAt}>{formatDateTime(device.lastSeenAt)}</time>
                  </td>
                  <td data-testid="fleet-config">
                    {device.config
                      ? t(`staff.fleet.configState.${device.config.state}`, {
                          version: device.config.version,
                        })
                      : t('staff.fleet.configNone')}
                  </td>
                </tr>
                {open && (
                  <tr id={`fleet-errors-${device.id}`} class="fleet__errors" data-testid="fleet-errors">
                    <td colSpan={COLUMNS}>
                      {device.reportedAt && (
                        <p class="field__hint">
                          {t('staff.fleet.lastReport', { time: formatDateTime(device.reportedAt) })}
                        </p>
                      )}
                      <ol class="fleet__error-list">
                        {[...device.errors].reverse().map((error, index) => (
                          <li key={`${error.at}-${index}`}>
                            <time dateTime={error.at}>{formatDateTime(error.at)}</time>{' '}
                            <code>{error.message}</code>
                            {error.source && <span class="fleet__source"> ({error.source})</span>}
                          </li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </DataTable>
      )}

      <FleetPushForm
        // A new form for another city: nothing said about one city's push shows under another.
        key={cityId ?? home ?? ''}
        api={api}
        selectedIds={selectedIds}
        profiles={choices}
        filterProfile={profile}
        onPushed={() => {
          setSelected(new Set());
          reload();
        }}
      />
    </section>
  );
}
