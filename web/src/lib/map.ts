// The map of the search: needs as markers (clustered when dense), the search circle, and either
// the configured tiles or, without a tile server, a light outline of the shipped places so that
// the map makes no request beyond its own origin. NeedMap.svelte imports this module
// dynamically: Leaflet, the cluster plugin and their CSS stay in a chunk of their own that only
// pages with a map load.
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import './map.css';
import { placesSource } from './attribution';
import { placesNear, type Place } from './search';

/** A need as the map draws it; the texts come ready from the component, in the UI language. */
export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  title: string;
  href: string;
  /** The marker's accessible name. */
  label: string;
  /** Lines under the title in the popup: organisation, category, distance, "gedeckt". */
  details: string[];
  covered: boolean;
}

export interface MapTexts {
  zoomIn: string;
  zoomOut: string;
  closePopup: string;
  /** "Orte", the word before the places' source in the attribution. */
  places: string;
  cluster: (count: number) => string;
}

export interface MapOptions {
  tileUrl: string | null;
  tileAttribution: string | null;
  texts: MapTexts;
  reducedMotion: boolean;
  onselect: (id: string) => void;
}

export interface NeedMapController {
  setTexts(texts: MapTexts): void;
  setNeeds(markers: readonly MapMarker[]): void;
  setArea(center: { lat: number; lon: number } | null, radiusKm: number): void;
  /** Highlights the need's marker (or its cluster); pans only when it is out of view. */
  select(id: string | null): void;
  /** Selects the need and shows it: opens its cluster, zooming in as needed, and its popup. */
  reveal(id: string): void;
  destroy(): void;
}

const GERMANY: L.LatLngTuple = [51.16, 10.45];
const GERMANY_ZOOM = 6;
/** At most this many place names at once; more makes the outline a wall of text. */
const MAX_PLACE_LABELS = 60;
/** The class of the selected need's marker, or of the cluster that holds it. */
const SELECTED = 'hk-map-selected';

interface LabeledIconOptions extends L.DivIconOptions {
  label: string;
  selected?: () => boolean;
}

/**
 * A div icon that names itself: Leaflet gives keyboard markers role=button and tabindex but no
 * name (its `title` option would show a second, native tooltip). Leaflet re-creates the element
 * whenever clusters regroup (zoom, pan), so the selection mark is set here as well.
 */
const LabeledIcon = L.DivIcon.extend({
  createIcon(this: L.DivIcon & { options: LabeledIconOptions }, oldIcon?: HTMLElement): HTMLElement {
    const element = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    element.setAttribute('aria-label', this.options.label);
    if (this.options.selected?.()) element.classList.add(SELECTED);
    return element;
  },
}) as unknown as new (options: LabeledIconOptions) => L.DivIcon;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function placesAttribution(word: string): string {
  return (
    `${escapeHtml(word)}: <a href="${placesSource.url}">${placesSource.name}</a> ` +
    `(<a href="${placesSource.licenseUrl}">${placesSource.license}</a>)`
  );
}

function popupContent(marker: MapMarker): HTMLElement {
  const root = document.createElement('div');
  root.className = 'hk-map-popup';
  const title = document.createElement('p');
  title.className = 'hk-map-popup__title';
  const link = document.createElement('a');
  link.href = marker.href;
  link.textContent = marker.title;
  title.append(link);
  root.append(title);
  for (const line of marker.details) {
    const p = document.createElement('p');
    p.className = 'hk-map-popup__detail';
    p.textContent = line;
    root.append(p);
  }
  return root;
}

/** The places' radius and smallest population for a search circle: a wide circle shows towns. */
// The outline is asked for around a coarse point (a tenth of a degree, at most about 8 km
// off) with a wider radius: the centre may be the device's position, which must go to the
// server only in the search itself.
const coarse = (degrees: number) => Math.round(degrees * 10) / 10;

function placesQuery(center: { lat: number; lon: number }, radiusKm: number) {
  const minPopulation = radiusKm <= 10 ? 0 : radiusKm <= 30 ? 1000 : radiusKm <= 60 ? 3000 : 5000;
  return {
    lat: coarse(center.lat),
    lon: coarse(center.lon),
    radiusKm: Math.min(100, Math.max(1, Math.round(radiusKm * 1.5 + 13))),
    minPopulation,
    limit: 300,
  };
}

function placeSizeClass(population: number): string {
  if (population >= 100_000) return 'hk-place--city';
  if (population >= 10_000) return 'hk-place--town';
  return 'hk-place--village';
}

const labelFontPx: Record<string, number> = { 'hk-place--city': 14, 'hk-place--town': 13, 'hk-place--village': 12 };

export function createNeedMap(container: HTMLElement, options: MapOptions): NeedMapController {
  const animate = !options.reducedMotion;
  let texts = options.texts;

  const map = L.map(container, {
    zoomControl: false,
    attributionControl: false,
    keyboard: true,
    zoomAnimation: animate,
    fadeAnimation: animate,
    markerZoomAnimation: animate,
    inertia: animate,
    minZoom: 4,
    maxZoom: 18,
  }).setView(GERMANY, GERMANY_ZOOM, { animate: false });

  if (!animate) {
    // Popups, focused markers and opening clusters pan the map through panBy with their own
    // options; without motion every pan jumps.
    const panBy = map.panBy;
    map.panBy = function (this: L.Map, offset: L.PointExpression, panOptions?: L.PanOptions) {
      return panBy.call(this, offset, { ...panOptions, animate: false });
    };
  }

  let zoom = L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
  const attribution = L.control.attribution({ prefix: '<a href="https://leafletjs.com/">Leaflet</a>' }).addTo(map);
  let placesText = placesAttribution(texts.places);
  attribution.addAttribution(placesText);

  // Added after the first fit, so that no tiles of the initial whole-country view are fetched.
  const tiles = options.tileUrl
    ? L.tileLayer(options.tileUrl, { attribution: options.tileAttribution ?? '', maxZoom: 19 })
    : null;
  if (!tiles) container.classList.add('hk-map--plain');

  // The outline of places lies above the search circle and under the markers; screen readers
  // skip it (the names are orientation for the eye, the list says where each need is).
  const placesPane = map.createPane('hkPlaces');
  placesPane.style.zIndex = '450';
  placesPane.setAttribute('aria-hidden', 'true');
  const placeLayer = L.layerGroup().addTo(map);
  let places: Place[] = [];
  let placesController: AbortController | null = null;
  let placesKey = '';

  const circle = L.circle(GERMANY, {
    radius: 1,
    interactive: false,
    className: 'hk-map-radius',
    weight: 2,
    fillOpacity: 0.05,
  });
  const centreMarker = L.marker(GERMANY, {
    icon: L.divIcon({ className: 'hk-map-centre', html: '', iconSize: [14, 14] }),
    interactive: false,
    keyboard: false,
  });

  const cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 48,
    animate,
    animateAddingMarkers: false,
    spiderfyOnMaxZoom: true,
    chunkedLoading: true,
    iconCreateFunction: (group) => {
      const count = group.getChildCount();
      return new LabeledIcon({
        className: 'hk-map-cluster',
        html: `<span aria-hidden="true">${count}</span>`,
        iconSize: [40, 40],
        label: texts.cluster(count),
        selected: () => {
          const marker = selectedMarker();
          return marker !== undefined && group.getAllChildMarkers().includes(marker);
        },
      });
    },
  }).addTo(map);

  const markers = new Map<string, { marker: L.Marker; key: string }>();
  let selected: string | null = null;
  let center: { lat: number; lon: number } | null = null;
  let radiusKm = 0;
  let areaSet = false;
  let fitPending = false;

  function hasSize(): boolean {
    // The container, not map.getSize(): Leaflet caches the size until invalidateSize().
    return container.clientWidth > 0 && container.clientHeight > 0;
  }

  function fit(): void {
    if (!hasSize()) {
      fitPending = true; // hidden (another tab): fitted once it has a size
      return;
    }
    fitPending = false;
    if (center) {
      map.fitBounds(L.latLng(center.lat, center.lon).toBounds(radiusKm * 2000), { animate, padding: [8, 8] });
    } else if (markers.size > 0) {
      map.fitBounds(cluster.getBounds(), { animate, padding: [24, 24], maxZoom: 13 });
    } else {
      map.setView(GERMANY, GERMANY_ZOOM, { animate });
    }
    if (tiles && !map.hasLayer(tiles)) tiles.addTo(map);
  }

  function makeMarker(data: MapMarker): L.Marker {
    const marker = L.marker([data.lat, data.lon], {
      icon: new LabeledIcon({
        className: data.covered ? 'hk-map-marker hk-map-marker--covered' : 'hk-map-marker',
        html: '<span class="hk-map-marker__pin" aria-hidden="true"></span>',
        iconSize: [30, 30],
        iconAnchor: [15, 30],
        popupAnchor: [0, -30],
        tooltipAnchor: [0, -30],
        label: data.label,
        selected: () => selected === data.id,
      }),
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindTooltip(data.title, { direction: 'top', className: 'hk-map-tooltip' });
    // Leaflet points aria-describedby at the tooltip on focus and leaves it when the tooltip goes.
    marker.on('tooltipclose', () => marker.getElement()?.removeAttribute('aria-describedby'));
    marker.bindPopup(() => popupContent(data), { maxWidth: 280, className: 'hk-map-popup-frame' });
    // Enter on a focused marker opens its popup as a click does: either way it is selected.
    marker.on('popupopen', () => {
      marker.closeTooltip(); // the popup names the need; the tooltip would peek out beneath it
      mark(data.id);
      options.onselect(data.id);
    });
    return marker;
  }

  function selectedMarker(): L.Marker | undefined {
    return selected ? markers.get(selected)?.marker : undefined;
  }

  /** Highlights the selected need's marker, or the cluster it is in (without moving the map). */
  function mark(id: string | null): void {
    if (id === selected) return;
    selectedMarker()?.setZIndexOffset(0);
    selected = id;
    for (const element of container.querySelectorAll(`.${SELECTED}`)) element.classList.remove(SELECTED);
    const marker = selectedMarker();
    if (!marker) return;
    marker.setZIndexOffset(1000);
    cluster.getVisibleParent(marker)?.getElement()?.classList.add(SELECTED);
  }

  function labelPlaces(): void {
    placeLayer.clearLayers();
    if (places.length === 0 || !hasSize()) return;
    const size = map.getSize();
    const taken: { x1: number; y1: number; x2: number; y2: number }[] = [];
    // Biggest first: a town keeps its name, the villages around it give way.
    for (const place of places) {
      if (taken.length >= MAX_PLACE_LABELS) break;
      const point = map.latLngToContainerPoint([place.lat, place.lon]);
      if (point.x < -150 || point.y < -30 || point.x > size.x + 30 || point.y > size.y + 30) continue;
      const sizeClass = placeSizeClass(place.population);
      const fontPx = labelFontPx[sizeClass];
      const box = {
        x1: point.x - 6,
        y1: point.y - fontPx,
        x2: point.x + 10 + place.name.length * fontPx * 0.62,
        y2: point.y + fontPx,
      };
      if (taken.some((b) => box.x1 < b.x2 && box.x2 > b.x1 && box.y1 < b.y2 && box.y2 > b.y1)) continue;
      taken.push(box);
      const html = document.createElement('span');
      const dot = document.createElement('span');
      dot.className = 'hk-place__dot';
      const name = document.createElement('span');
      name.className = 'hk-place__name';
      name.textContent = place.name;
      html.append(dot, name);
      L.marker([place.lat, place.lon], {
        icon: L.divIcon({ className: `hk-place ${sizeClass}`, html, iconSize: [0, 0], iconAnchor: [0, 0] }),
        interactive: false,
        keyboard: false,
        pane: 'hkPlaces',
      }).addTo(placeLayer);
    }
  }

  /** The point the outline is drawn around: the search centre, else the middle of the needs. */
  function outlineArea(): { center: { lat: number; lon: number }; radiusKm: number } | null {
    if (center) return { center, radiusKm };
    if (markers.size === 0) return null;
    const bounds = cluster.getBounds();
    const middle = bounds.getCenter();
    const halfDiagonalKm = middle.distanceTo(bounds.getNorthEast()) / 1000;
    return { center: { lat: middle.lat, lon: middle.lng }, radiusKm: Math.max(5, halfDiagonalKm) };
  }

  function loadPlaces(): void {
    if (tiles) return; // the tiles name the places
    const area = outlineArea();
    const query = area ? placesQuery(area.center, area.radiusKm) : null;
    const key = query ? JSON.stringify(query) : '';
    if (key === placesKey) return;
    placesKey = key;
    placesController?.abort();
    placesController = null;
    if (!query) {
      places = [];
      labelPlaces();
      return;
    }
    const controller = new AbortController();
    placesController = controller;
    placesNear(query, controller.signal)
      .then(({ items }) => {
        if (controller.signal.aborted) return;
        places = [...items].sort((a, b) => b.population - a.population);
        labelPlaces();
      })
      .catch(() => {
        // Offline or no places: the map still works, only without the outline; next area retries.
        if (!controller.signal.aborted) placesKey = '';
      });
  }

  map.on('moveend', labelPlaces);
  map.on('popupopen', (event: L.PopupEvent) => {
    event.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', texts.closePopup);
  });

  const resizeObserver = new ResizeObserver(() => {
    map.invalidateSize({ animate: false });
    if (fitPending && hasSize()) fit();
    else labelPlaces();
  });
  resizeObserver.observe(container);

  return {
    setTexts(next) {
      texts = next;
      zoom.remove();
      zoom = L.control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(map);
      attribution.removeAttribution(placesText);
      placesText = placesAttribution(texts.places);
      attribution.addAttribution(placesText);
      cluster.refreshClusters();
    },

    setNeeds(list) {
      const seen = new Set<string>();
      const added: L.Marker[] = [];
      const removed: L.Marker[] = [];
      for (const data of list) {
        seen.add(data.id);
        const key = JSON.stringify(data);
        const known = markers.get(data.id);
        if (known?.key === key) continue;
        if (known) removed.push(known.marker);
        const marker = makeMarker(data);
        markers.set(data.id, { marker, key });
        added.push(marker);
      }
      for (const [id, known] of markers) {
        if (seen.has(id)) continue;
        removed.push(known.marker);
        markers.delete(id);
      }
      if (removed.length === 0 && added.length === 0) return;
      cluster.removeLayers(removed);
      cluster.addLayers(added);
      selectedMarker()?.setZIndexOffset(1000);
      if (!center && areaSet) {
        fit();
        loadPlaces();
      }
    },

    setArea(nextCenter, nextRadiusKm) {
      const same =
        areaSet &&
        nextRadiusKm === radiusKm &&
        (nextCenter === null
          ? center === null
          : center !== null && center.lat === nextCenter.lat && center.lon === nextCenter.lon);
      if (same) return;
      areaSet = true;
      center = nextCenter ? { lat: nextCenter.lat, lon: nextCenter.lon } : null;
      radiusKm = nextRadiusKm;
      if (center) {
        const latLng = L.latLng(center.lat, center.lon);
        circle.setLatLng(latLng).setRadius(radiusKm * 1000).addTo(map);
        centreMarker.setLatLng(latLng).addTo(map);
      } else {
        circle.remove();
        centreMarker.remove();
      }
      fit();
      loadPlaces();
    },

    select(id) {
      if (id === selected) return;
      mark(id);
      const marker = selectedMarker();
      if (!marker || !hasSize()) return;
      // Pointed at in the list (the list selects on hover and focus): the map shows where, but
      // neither zooms nor opens popups, which would make it jump while the pointer crosses the
      // list. Only a need out of view is brought into it. Its cluster opens with a click.
      const shown = (cluster.getVisibleParent(marker) ?? marker).getLatLng();
      if (!map.getBounds().pad(-0.05).contains(shown)) map.panTo(shown, { animate });
    },

    reveal(id) {
      mark(id);
      const marker = selectedMarker();
      if (!marker || !hasSize()) return;
      cluster.zoomToShowLayer(marker, () => {
        if (selected === id) marker.openPopup();
      });
    },

    destroy() {
      resizeObserver.disconnect();
      placesController?.abort();
      map.remove();
    },
  };
}
