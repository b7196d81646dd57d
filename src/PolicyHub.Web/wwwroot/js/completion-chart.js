// Draws the completion chart of an assignment dashboard from the JSON next to the canvas (no inline script: CSP).
(function () {
    const canvas = document.getElementById('completion-chart');
    const source = document.getElementById('completion-data');
    if (!canvas || !source || typeof Chart === 'undefined') {
        return;
    }

    const data = JSON.parse(source.textContent);
    new Chart(canvas, {
        type: 'line',
        data: {
            labels: data.labels,
            datasets: [
                { label: data.acknowledgedLabel, data: data.acknowledged, borderColor: '#1f6feb', backgroundColor: 'rgba(31,111,235,.15)', fill: true, tension: 0.2, spanGaps: false },
                { label: data.audienceLabel, data: data.labels.map(() => data.audience), borderColor: '#6c757d', borderDash: [6, 4], pointRadius: 0, fill: false },
            ],
        },
        options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { beginAtZero: true, suggestedMax: data.audience, ticks: { precision: 0 } } },
            plugins: { legend: { position: 'bottom' } },
        },
    });
})();
