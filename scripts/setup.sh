#!/usr/bin/env bash
# One-time (idempotent) setup of a fresh machine: system fonts and libraries for the
# PDF renderer, then the project's virtual environment in .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
fc-list :lang=zh 2>/dev/null | grep -qi 'Noto Sans CJK' || need_apt+=(fonts-noto-cjk)
# The 公文 layout's faces (auditor/report/fonts.py says why these): 宋 Noto Serif CJK SC comes with
# fonts-noto-cjk; 楷 LXGW WenKai, with AR PL UKai as its fallback.
fc-list 2>/dev/null | grep -qi 'Noto Serif CJK' || need_apt+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi 'LXGW WenKai' || need_apt+=(fonts-lxgw-wenkai)
fc-list 2>/dev/null | grep -qi 'AR PL UKai' || need_apt+=(fonts-arphic-ukai)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0" || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset" || need_apt+=(libharfbuzz-subset0)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need_apt+=(fontconfig)
# Real tools: LibreOffice converts .doc/.wps/.odt/.rtf (about 30 s and 250 MB once); LibreOffice and
# Chromium also make the slow tests' fixtures as offices make them. AUDITOR_MINIMAL=1 skips both.
if [ "${AUDITOR_MINIMAL:-0}" != "1" ]; then
  command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  # tests/web drive it through Playwright (executable_path); the driver package keeps Selenium possible
  command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== 安装系统依赖: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

if [ ! -x .venv/bin/python ]; then
  echo "== 创建虚拟环境 .venv"
  python3 -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== 安装 Python 依赖"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,dask]'
  touch "$stamp"
fi
# Build the pre-subset PDF font and warm jieba's cache once, so the first audit is fast.
.venv/bin/auditor setup >/dev/null
echo "== 环境就绪: .venv/bin/auditor"
