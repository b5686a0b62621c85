// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

interface IUniswapV2PairSwap {
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 time);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

interface IUniswapV3PoolSwap {
    function swap(
        address recipient,
        bool zeroForOne,
        int256 amountSpecified,
        uint160 sqrtPriceLimitX96,
        bytes calldata data
    ) external returns (int256 amount0, int256 amount1);
}

/// @title ArbitrageExecutor
/// @notice Runs a 2–4 hop arbitrage cycle over Uniswap V2 pairs and V3 pools in one
/// transaction without holding capital: the first hop is a flash swap (its output arrives
/// before its input is paid), the other hops run inside that hop's callback with the borrowed
/// tokens, and the first pool is repaid from the last hop's output. The transaction reverts
/// with `InsufficientProfit` unless what is left, in the start token, is at least `minProfit`;
/// the profit is sent to the owner.
contract ArbitrageExecutor {
    /// One hop: swap all of the previous hop's output of `tokenIn` into `tokenOut` on `pool`.
    struct Hop {
        address pool;
        address tokenIn;
        address tokenOut;
        /// 1 Uniswap V2 pair, 2 Uniswap V3 pool (the protocol numbers of PoolState).
        uint8 kind;
        /// V2 only: the pair's fee in basis points (30 for Uniswap V2); ignored for V3.
        uint16 feeBps;
    }

    uint8 private constant KIND_V2 = 1;
    uint8 private constant KIND_V3 = 2;
    uint8 private constant PHASE_FLASH = 1;
    uint8 private constant PHASE_PAY = 2;
    uint160 private constant MIN_SQRT_RATIO_PLUS_ONE = 4295128740;
    uint160 private constant MAX_SQRT_RATIO_MINUS_ONE =
        1461446703485210103287273052203988822378723970341;

    address public immutable owner;

    // The pool whose callback we are waiting for, and what that callback must do. Set just
    // before each swap we start and cleared by the callback, so outside an `execute` (and
    // from any address but that one pool) a callback is refused.
    address private transient _expectedPool;
    uint8 private transient _phase;
    uint256 private transient _amountOut;
    uint256 private transient _profit;

    /// A cycle ran: `amountIn` borrowed, `amountOut` came back, `profit` sent to the owner.
    event ArbitrageExecuted(
        address indexed token, uint256 amountIn, uint256 amountOut, uint256 profit
    );

    error NotOwner(address caller);
    error DeadlineExpired(uint256 deadline, uint256 timestamp);
    error BadRouteLength(uint256 hops);
    error BadHop(uint256 index);
    error BadAmount(uint256 amountIn);
    error InsufficientProfit(int256 profit, uint256 minProfit);
    error UnexpectedCallback(address caller);
    error UnexpectedInitiator(address initiator);
    error CallbackMissing(address pool);
    error PartialFill(address pool, uint256 amountIn, uint256 paid);
    error ZeroOutput(address pool);
    error TransferFailed(address token, address to, uint256 amount);

    constructor() {
        owner = msg.sender;
    }

    /// @notice Runs the cycle `hops` borrowing `amountIn` of `hops[0].tokenIn`; reverts unless
    /// the profit in that token is at least `minProfit`, or after `deadline` (Unix seconds).
    /// @return amountOut the last hop's output
    /// @return profit `amountOut - amountIn`, sent to the owner
    function execute(Hop[] calldata hops, uint256 amountIn, uint256 minProfit, uint256 deadline)
        external
        returns (uint256 amountOut, uint256 profit)
    {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        _checkRoute(hops, amountIn);
        Hop calldata first = hops[0];
        bytes memory data = abi.encode(hops, amountIn, minProfit);
        _expectedPool = first.pool;
        _phase = PHASE_FLASH;
        if (first.kind == KIND_V2) {
            uint256 out = _v2AmountOut(first.pool, first.tokenIn, first.tokenOut, first.feeBps, amountIn);
            bool zeroForOne = first.tokenIn < first.tokenOut;
            IUniswapV2PairSwap(first.pool).swap(
                zeroForOne ? 0 : out, zeroForOne ? out : 0, address(this), data
            );
        } else {
            _v3Swap(first.pool, first.tokenIn < first.tokenOut, amountIn, data);
        }
        if (_expectedPool != address(0)) revert CallbackMissing(first.pool);
        amountOut = _amountOut;
        profit = _profit;
        _transfer(first.tokenIn, owner, profit);
        emit ArbitrageExecuted(first.tokenIn, amountIn, amountOut, profit);
    }

    /// @notice Sends `amount` of `token` held by this contract to `to` (tokens sent here by
    /// mistake; the executor itself keeps nothing).
    function withdraw(address token, address to, uint256 amount) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _transfer(token, to, amount);
    }

    /// @notice Uniswap V2 flash-swap callback: the first hop's pair has sent its output.
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data)
        external
    {
        // Security: this function pays tokens away. Anyone can call it, so without these checks
        // a contract posing as a pair could make us pay it from our balance (or, mid-route,
        // from the borrowed tokens). Only the pair we just called, while it is swapping for us
        // (sender is this contract), is accepted; `_expectedPool` is cleared at once, so each
        // swap gets exactly one callback.
        if (msg.sender != _expectedPool || _phase != PHASE_FLASH) {
            revert UnexpectedCallback(msg.sender);
        }
        if (sender != address(this)) revert UnexpectedInitiator(sender);
        _expectedPool = address(0);
        (Hop[] memory hops, uint256 amountIn, uint256 minProfit) =
            abi.decode(data, (Hop[], uint256, uint256));
        _finishCycle(hops, amount0 + amount1, amountIn, minProfit);
    }

    /// @notice Uniswap V3 swap callback: pay what the pool is owed (for the first hop, after
    /// running the rest of the cycle with what it sent).
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data)
        external
    {
        // Security: same rule as uniswapV2Call. A V3 pool calls back with the amounts it is
        // owed; anybody else calling this could name any amount and take our tokens, so only
        // the pool we are swapping with right now is accepted.
        address pool = _expectedPool;
        if (msg.sender != pool || pool == address(0)) revert UnexpectedCallback(msg.sender);
        _expectedPool = address(0);
        bool paysToken0 = amount0Delta > 0;
        uint256 owed = uint256(paysToken0 ? amount0Delta : amount1Delta);
        if (_phase == PHASE_PAY) {
            _transfer(abi.decode(data, (address)), pool, owed);
            return;
        }
        (Hop[] memory hops, uint256 amountIn, uint256 minProfit) =
            abi.decode(data, (Hop[], uint256, uint256));
        if (owed != amountIn) revert PartialFill(pool, amountIn, owed);
        uint256 received = uint256(-(paysToken0 ? amount1Delta : amount0Delta));
        _finishCycle(hops, received, owed, minProfit);
    }

    // Runs hops 1.. with `received`, checks the profit, repays the first pool (msg.sender).
    function _finishCycle(Hop[] memory hops, uint256 received, uint256 owed, uint256 minProfit)
        private
    {
        uint256 amount = received;
        for (uint256 i = 1; i < hops.length; i++) {
            amount = _swapHeld(hops[i], amount);
        }
        if (amount < owed || amount - owed < minProfit) {
            revert InsufficientProfit(int256(amount) - int256(owed), minProfit);
        }
        _transfer(hops[0].tokenIn, msg.sender, owed);
        _amountOut = amount;
        _profit = amount - owed;
    }

    // One hop paid from tokens this contract holds; returns its output, received here.
    function _swapHeld(Hop memory hop, uint256 amountIn) private returns (uint256 out) {
        bool zeroForOne = hop.tokenIn < hop.tokenOut;
        if (hop.kind == KIND_V2) {
            out = _v2AmountOut(hop.pool, hop.tokenIn, hop.tokenOut, hop.feeBps, amountIn);
            _transfer(hop.tokenIn, hop.pool, amountIn);
            IUniswapV2PairSwap(hop.pool).swap(
                zeroForOne ? 0 : out, zeroForOne ? out : 0, address(this), ""
            );
            return out;
        }
        _expectedPool = hop.pool;
        _phase = PHASE_PAY;
        (int256 d0, int256 d1) = _v3Swap(hop.pool, zeroForOne, amountIn, abi.encode(hop.tokenIn));
        if (_expectedPool != address(0)) revert CallbackMissing(hop.pool);
        uint256 paid = uint256(zeroForOne ? d0 : d1);
        if (paid != amountIn) revert PartialFill(hop.pool, amountIn, paid);
        out = uint256(-(zeroForOne ? d1 : d0));
    }

    function _v3Swap(address pool, bool zeroForOne, uint256 amountIn, bytes memory data)
        private
        returns (int256, int256)
    {
        uint160 limit = zeroForOne ? MIN_SQRT_RATIO_PLUS_ONE : MAX_SQRT_RATIO_MINUS_ONE;
        return IUniswapV3PoolSwap(pool).swap(
            address(this), zeroForOne, int256(amountIn), limit, data
        );
    }

    // The pair's own formula (getAmountOut with a fee in bps), so the K check holds exactly.
    function _v2AmountOut(
        address pair,
        address tokenIn,
        address tokenOut,
        uint16 feeBps,
        uint256 amountIn
    ) private view returns (uint256 out) {
        (uint112 r0, uint112 r1,) = IUniswapV2PairSwap(pair).getReserves();
        (uint256 reserveIn, uint256 reserveOut) = tokenIn < tokenOut ? (r0, r1) : (r1, r0);
        uint256 inWithFee = amountIn * (10_000 - feeBps);
        out = (inWithFee * reserveOut) / (reserveIn * 10_000 + inWithFee);
        if (out == 0) revert ZeroOutput(pair);
    }

    function _checkRoute(Hop[] calldata hops, uint256 amountIn) private pure {
        uint256 n = hops.length;
        if (n < 2 || n > 4) revert BadRouteLength(n);
        // uint128 keeps every int256 cast and product in range; no pool holds more.
        if (amountIn == 0 || amountIn > type(uint128).max) revert BadAmount(amountIn);
        for (uint256 i = 0; i < n; i++) {
            Hop calldata h = hops[i];
            Hop calldata next = hops[(i + 1) % n];
            bool badKind = h.kind != KIND_V2 && h.kind != KIND_V3;
            // The first pool is locked while its callback runs, so it cannot appear again.
            bool reused = i > 0 && h.pool == hops[0].pool;
            if (
                badKind || reused || h.tokenIn == h.tokenOut || h.tokenOut != next.tokenIn
                    || h.feeBps >= 10_000 || h.pool == address(0)
            ) revert BadHop(i);
        }
    }

    // ERC-20 transfer that accepts tokens returning nothing (USDT) and refuses `false`.
    function _transfer(address token, address to, uint256 amount) private {
        if (amount == 0) return;
        if (token.code.length == 0) revert TransferFailed(token, to, amount);
        (bool ok, bytes memory ret) =
            token.call(abi.encodeWithSelector(0xa9059cbb, to, amount));
        if (!ok || (ret.length != 0 && !abi.decode(ret, (bool)))) {
            revert TransferFailed(token, to, amount);
        }
    }
}
