// The cross-territory admins' map of online offers (/supervision/), drawn when its panel is
// opened: one marker per commune with the number of offers (Leaflet, served with the site).
(function () {
  "use strict";
  var container = document.getElementById("oversight-map");
  if (!container) { return; }
  var details = container.closest("details");
  var drawn = false;
  function draw() {
    if (drawn || !window.L) { return; }
    drawn = true;
    var map = L.map(container).setView([46.6, 2.4], 6);
    L.tileLayer(container.dataset.tiles, {maxZoom: 18, attribution: container.dataset.attribution}).addTo(map);
    fetch(container.dataset.points, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var bounds = [];
        data.communes.forEach(function (commune) {
          var popup = document.createElement("div");
          var title = document.createElement("strong");
          title.textContent = commune.name;
          popup.append(title, document.createElement("br"), commune.offers + " " + container.dataset.offersLabel);
          L.circleMarker([commune.latitude, commune.longitude], {
            radius: Math.min(4 + Math.sqrt(commune.offers), 20), color: "#1f5fa8", weight: 1, fillOpacity: 0.5
          }).bindPopup(popup).bindTooltip(commune.name + " : " + commune.offers).addTo(map);
          bounds.push([commune.latitude, commune.longitude]);
        });
        if (bounds.length) { map.fitBounds(bounds, {padding: [24, 24], maxZoom: 12}); }
      });
  }
  details.addEventListener("toggle", function () { if (details.open) { draw(); } });
})();
